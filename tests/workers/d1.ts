/** Helpers of the persistence and history tests: read D1 directly, call the REST routes. */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Visitor } from "./harness.js";

export interface StepRow {
  id: string;
  type: string;
  name: string;
  output: string;
  streaming: number;
  order: number;
}

/** A thread's D1 step rows in server order. */
export async function d1Steps(threadId: string): Promise<StepRow[]> {
  const { results } = await env.DB.prepare(
    'SELECT id, type, name, output, streaming, "order" FROM steps WHERE thread_id = ? ORDER BY "order"',
  )
    .bind(threadId)
    .all<StepRow>();
  return results;
}

export async function d1Thread(
  threadId: string,
): Promise<{ id: string; name: string; owner_identifier: string } | null> {
  return env.DB.prepare("SELECT id, name, owner_identifier FROM threads WHERE id = ?")
    .bind(threadId)
    .first();
}

/** A REST call as `visitor`. */
export function api(visitor: Visitor, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("cookie", visitor.cookie);
  if (init.body) headers.set("content-type", "application/json");
  return SELF.fetch(`http://edgelit.test${path}`, { ...init, headers });
}

/** The caller's identifier, as the Worker sees it. */
export async function identifierOf(visitor: Visitor): Promise<string> {
  const res = await api(visitor, "/api/config");
  const body = (await res.json()) as { user: { identifier: string } };
  return body.user.identifier;
}

/** The session DO of a thread. */
export function sessionStub(id: string) {
  return env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(id));
}
