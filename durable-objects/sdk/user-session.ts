/**
 * `cl.userSession`: per-session values in the Durable Object's SQLite. Within one instance's
 * life `get` hands back the very object stored or read before (as Chainlit does), and a value
 * changed in place is written back when the hook that runs ends; after hibernation or a restart
 * values are read from storage, Edgelit objects as they are in the session now.
 */

import { currentScope } from "../session/context.js";
import type { SessionStore } from "../session/store.js";
import { decodeValue, encodeValue } from "./serialize.js";

/**
 * Per-session key/value store that survives hibernation, eviction, reconnects and restarts.
 * Values are JSON, or Edgelit objects (`cl.Message`, `cl.Step`, `cl.Action`, elements, `cl.User`)
 * which come back live and current: a message stored before it was sent comes back as sent.
 * Built-in keys: `id`, `user`, `chatSettings`, `chatProfile`, `env`.
 * @example
 * cl.userSession.set("counter", (cl.userSession.get("counter") as number ?? 0) + 1);
 * const history = cl.userSession.get("history") as string[];
 * history.push("hi"); // kept: changes in place are saved when the hook ends
 */
export const userSession = {
  get<T = unknown>(key: string, fallback?: T): T | undefined {
    const { session } = currentScope();
    if (key === "id") return session.id as T;
    const store = session.store;
    const live = store.liveValue(key);
    if (live) return live.value as T;
    const encoded = store.getValue(key);
    if (encoded === undefined) return fallback;
    const value = decodeValue(encoded, { step: (id) => store.step(id) });
    store.keepLive(key, value, encoded, false);
    return value as T;
  },

  /** Stores a value; throws a clear TypeError for functions, cycles and class instances. */
  set(key: string, value: unknown): void {
    const { session } = currentScope();
    if (key === "id") throw new TypeError('userSession key "id" is read-only');
    if (value === undefined) session.store.deleteValue(key);
    else session.store.keepLive(key, value, encodeValue(value, `userSession "${key}"`), true);
  },

  delete(key: string): void {
    currentScope().session.store.deleteValue(key);
  },
};

/**
 * @internal Writes back the values app code changed in place since they were read or stored.
 * A value changed into something that cannot be stored keeps its stored form, with a warning.
 */
export function saveUserSession(store: SessionStore): void {
  for (const [key, live] of store.liveValues()) {
    if (live.value === null || typeof live.value !== "object") continue;
    try {
      const encoded = encodeValue(live.value, `userSession "${key}"`);
      if (encoded !== live.encoded) store.keepLive(key, live.value, encoded, true);
    } catch (err) {
      console.warn(`Edgelit: ${(err as Error).message}; the value stored before is kept.`);
    }
  }
}
