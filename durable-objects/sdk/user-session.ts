import { currentScope } from "../session/context.js";
import { decodeValue, encodeValue } from "./serialize.js";

/**
 * Per-session key/value store that survives hibernation, eviction, reconnects and restarts.
 * Values are JSON, or Edgelit objects (`cl.Message`, `cl.Step`, `cl.Action`, elements, `cl.User`)
 * which come back live. Built-in keys: `id`, `user`, `chatSettings`, `chatProfile`, `env`.
 * @example
 * cl.userSession.set("counter", (cl.userSession.get("counter") as number ?? 0) + 1);
 */
export const userSession = {
  get<T = unknown>(key: string, fallback?: T): T | undefined {
    const { session } = currentScope();
    if (key === "id") return session.id as T;
    const encoded = session.store.getValue(key);
    return encoded === undefined ? fallback : (decodeValue(encoded) as T);
  },

  /** Stores a value; throws a clear TypeError for functions, cycles and class instances. */
  set(key: string, value: unknown): void {
    const { session } = currentScope();
    if (key === "id") throw new TypeError('userSession key "id" is read-only');
    if (value === undefined) session.store.deleteValue(key);
    else session.store.setValue(key, encodeValue(value, `userSession "${key}"`));
  },

  delete(key: string): void {
    currentScope().session.store.deleteValue(key);
  },
};
