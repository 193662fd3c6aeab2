/**
 * The values of `cl.userSession`, kept in the session's SQLite. Within one instance's life a
 * read hands back the very object stored or read before (as Chainlit does), and a value changed
 * in place is written back when the hook that runs ends; after hibernation or a restart values
 * are read from storage, Edgelit objects as they are in the session now.
 */
import { decodeValue, encodeValue } from "../sdk/serialize.js";
import type { StepReader } from "./store/steps.js";
import type { UserSessionStore } from "./store/user-session.js";

/** The value under `key`, live if read or stored before; `fallback` when unset. */
export function readValue<T>(
  store: UserSessionStore,
  steps: StepReader,
  key: string,
  fallback?: T,
): T | undefined {
  const live = store.live(key);
  if (live) return live.value as T;
  const encoded = store.get(key);
  if (encoded === undefined) return fallback;
  const value = decodeValue(encoded, { step: (id) => steps.get(id) });
  store.keepLive(key, value, encoded, false);
  return value as T;
}

/** Stores a value (`undefined` deletes it); throws a clear TypeError for what cannot be stored. */
export function writeValue(store: UserSessionStore, key: string, value: unknown): void {
  if (value === undefined) store.delete(key);
  else store.keepLive(key, value, encodeValue(value, `userSession "${key}"`), true);
}

/**
 * Writes back the values app code changed in place since they were read or stored.
 * A value changed into something that cannot be stored keeps its stored form, with a warning.
 */
export function saveValues(store: UserSessionStore): void {
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
