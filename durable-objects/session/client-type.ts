/**
 * The session's client type (`cl.context.clientType`), kept in the session's storage so it
 * survives hibernation: the Worker names it on every WebSocket upgrade (the last client to
 * connect decides), and a session nobody told is the web app's.
 */
import { type ClientType, parseClientType } from "../../protocol/client-type.js";
import type { SessionStore } from "./store.js";

const KEY = "clientType";

/** Records where the session is being answered from now on. */
export function setClientType(store: SessionStore, type: ClientType): void {
  if (store.getValue(KEY) !== JSON.stringify(type)) store.setValue(KEY, JSON.stringify(type));
}

/** Where the session is being answered. */
export function clientTypeOf(store: SessionStore): ClientType {
  const raw = store.exists ? store.getValue(KEY) : undefined;
  try {
    return parseClientType(raw === undefined ? undefined : JSON.parse(raw));
  } catch {
    return "webapp";
  }
}
