/**
 * Test harness for the runtime tests: install hooks per test, create sessions through the
 * Worker's public routes, and talk to them over real WebSockets with time-bounded waits.
 * `newChat` is the opening most tests share: a new visitor, a session of theirs, its socket.
 */

import { type HookRegistry, hooks } from "../../durable-objects/sdk/hooks.js";
import type { ClientFrame } from "../../protocol/frames.js";
import { Client, newSession, newVisitor, type Visitor } from "../../testing/client.js";

/** Replaces every hook with the given ones. */
export function installHooks(next: Partial<HookRegistry>): void {
  for (const key of Object.keys(hooks) as (keyof HookRegistry)[]) {
    if (key !== "actions") delete hooks[key];
  }
  hooks.actions.clear();
  Object.assign(hooks, { ...next, actions: next.actions ?? new Map() });
}

/** A visitor's open chat: who, which session, and its socket (past hello and ready). */
export interface NewChat {
  visitor: Visitor;
  id: string;
  client: Client;
}

/**
 * A new visitor opens a new chat: `POST /api/sessions`, then `/ws/:id` with `hello` (and
 * request `headers`) as `Client.open` sends them; resolves once the session said ready.
 */
export async function newChat(
  hello: Partial<Extract<ClientFrame, { type: "hello" }>> = {},
  headers: Record<string, string> = {},
): Promise<NewChat> {
  const visitor = await newVisitor();
  const id = await newSession(visitor);
  const client = await Client.open(id, visitor, hello, headers);
  return { visitor, id, client };
}

/** Sends `content` as a new message and waits for the end of the task it starts. */
export async function say(client: Client, content: string, ms = 5000): Promise<void> {
  client.send({ type: "message", id: crypto.randomUUID(), content });
  await client.idle(ms);
}

export {
  Client,
  newSession,
  newVisitor,
  transcript,
  type Visitor,
} from "../../testing/client.js";
