/**
 * `cl.userSession`: per-session values that survive hibernation, reconnects and restarts. The
 * values live in the session (session/user-values.ts); this is the author's door to them.
 */
import { currentScope } from "../session/context.js";

/**
 * Per-session key/value store that survives hibernation, eviction, reconnects and restarts.
 * Values are JSON, or Edgelit objects (`cl.Message`, `cl.Step`, `cl.Action`, elements, `cl.User`)
 * which come back live and current: a message stored before it was sent comes back as sent.
 * Within one instance's life `get` hands back the very object stored or read before, and a value
 * changed in place is saved when the hook ends.
 * Built-in keys: `id`, `user`, `chatSettings`, `chatProfile`, `env`.
 * @example
 * cl.userSession.set("counter", (cl.userSession.get("counter") as number ?? 0) + 1);
 * const history = cl.userSession.get("history") as string[];
 * history.push("hi"); // kept: changes in place are saved when the hook ends
 */
export const userSession = {
  /** The value under `key`, or `fallback` when unset. */
  get<T = unknown>(key: string, fallback?: T): T | undefined {
    const { session } = currentScope();
    if (key === "id") return session.id as T;
    return session.readValue(key, fallback);
  },

  /** Stores a value; throws a clear TypeError for functions, cycles and class instances. */
  set(key: string, value: unknown): void {
    const { session } = currentScope();
    if (key === "id") throw new TypeError('userSession key "id" is read-only');
    session.writeValue(key, value);
  },

  /** Deletes the value under `key`. */
  delete(key: string): void {
    currentScope().session.writeValue(key, undefined);
  },
};
