/**
 * What a custom element (`public/elements/<Name>.js`) may do from the browser: replace its own
 * props and call an action callback. Nothing else about an element can come from a client —
 * never a URL, a path or a storage key. Props and payloads are JSON data, size-capped.
 */
import type { ClientFrame } from "../../protocol/frames.js";
import { Action } from "../sdk/action.js";
import { hooks } from "../sdk/hooks.js";
import { withinLimit } from "./limits.js";
import type { Session } from "./session.js";
import { reply } from "./sockets.js";

/** Largest props or payload a custom element may send, in bytes of JSON. */
export const MAX_CUSTOM_DATA_BYTES = 16 * 1024;

function customElement(session: Session, ws: WebSocket, id: string) {
  const element = session.elements.all().find((e) => e.id === id);
  if (!element) return void reply(ws, "not_found", `no element with id "${id}"`);
  if (element.type !== "custom") {
    return void reply(ws, "bad_frame", "only a custom element can be changed by the client");
  }
  return element;
}

function tooLarge(ws: WebSocket, what: string, data: unknown): boolean {
  const bytes = new TextEncoder().encode(JSON.stringify(data)).byteLength;
  if (bytes <= MAX_CUSTOM_DATA_BYTES) return false;
  reply(ws, "too_large", `${what} are ${bytes} bytes; the limit is ${MAX_CUSTOM_DATA_BYTES}`);
  return true;
}

/** A custom element replaced its props; everyone sees the new ones. */
export async function elementProps(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "element_props" }>,
): Promise<void> {
  const element = customElement(session, ws, frame.id);
  if (!element || tooLarge(ws, "props", frame.props)) return;
  // Each change is stored and sent to every tab: limited like any other write.
  if (!(await withinLimit(session, ws, "element_props"))) return;
  const next = { ...element, props: frame.props };
  session.putElement(next);
}

/** A custom element called an action; runs `cl.actionCallback(name)` like a button click. */
export async function elementAction(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "element_action" }>,
): Promise<void> {
  const element = customElement(session, ws, frame.elementId);
  if (!element || tooLarge(ws, "payload", frame.payload ?? {})) return;
  const callback = hooks.actions.get(frame.name);
  if (!callback) return reply(ws, "not_found", `no callback for action "${frame.name}"`);
  if (!(await withinLimit(session, ws, "element_action"))) return;
  const action = new Action({
    name: frame.name,
    payload: frame.payload ?? {},
    ...(element.forId ? { forId: element.forId } : {}),
  });
  await session.runTask(`action ${frame.name}`, () => callback(action));
}
