/**
 * The session's client type (`cl.context.clientType`), kept in the session's storage so it
 * survives hibernation: the Worker names it on every WebSocket upgrade (the last client to
 * connect decides), and a session nobody told is the web app's.
 */
import { type ClientType, parseClientType } from "../../protocol/client-type.js";
import type { Session } from "./session.js";

const KEY = "clientType";

/** Records where the session is being answered from now on. */
export function setClientType(session: Session, type: ClientType): void {
  const encoded = JSON.stringify(type);
  if (session.values.get(KEY) !== encoded) session.values.set(KEY, encoded);
}

/** Where the session is being answered. */
export function clientTypeOf(session: Session): ClientType {
  const raw = session.exists ? session.values.get(KEY) : undefined;
  try {
    return parseClientType(raw === undefined ? undefined : JSON.parse(raw));
  } catch {
    return "webapp";
  }
}
