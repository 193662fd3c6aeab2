/**
 * Chat sessions over HTTP: create one, open its WebSocket, read its files. Every route checks
 * that the caller owns the session; a session id alone grants nothing.
 */
import { Hono } from "hono";
import { IP_HEADER, NEW_CHAT_CLOSE_CODE, USER_HEADER } from "../durable-objects/chat-session.js";
import { rateRefusal } from "../durable-objects/rate-limiter.js";
import { elementKey } from "../durable-objects/sdk/elements.js";
import { uploadKey } from "../durable-objects/session/files.js";
import type { NewSession, StepText } from "../protocol/api.js";
import { clientIp } from "./auth/client-ip.js";
import { fileHeaders } from "./file-headers.js";
import type { AppEnv } from "./types.js";

export { NEW_CHAT_CLOSE_CODE };

/** The shape of a session id (a uuid). */
export const SESSION_ID = /^[0-9a-f-]{36}$/;
const ID = SESSION_ID;
/** Step ids are the server's uuids or an author's own ids (the protocol allows 1–128 chars). */
const STEP_ID = /^.{1,128}$/s;

/** The session Durable Object of `id`. */
export function sessionStub(env: Env, id: string) {
  return env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(id));
}

/** The Origin rule (./origin.ts), which requireOrigin applies to every state-changing request. */
export { originAllowed } from "./origin.js";

export const sessions = new Hono<AppEnv>()
  .post("/api/sessions", async (c) => {
    const user = c.get("user");
    // Each session is a Durable Object: creating them is limited per caller and per IP.
    const ip = clientIp(c.req.raw.headers);
    const refusal = await rateRefusal(c.env, "sessions", {
      user: user.identifier,
      ...(ip ? { ip } : {}),
    });
    if (refusal) return c.json({ error: refusal }, 429);
    const sessionId = crypto.randomUUID();
    await sessionStub(c.env, sessionId).create(sessionId, user.identifier);
    return c.json<NewSession>({ sessionId }, 201);
  })
  .get("/ws/:id", async (c) => {
    const id = c.req.param("id");
    if (c.req.header("Upgrade") !== "websocket")
      return c.json({ error: "expected a WebSocket upgrade" }, 426);
    // The Origin was checked by requireOrigin (./origin.ts) like every upgrade's.
    if (!ID.test(id)) return c.json({ error: "no such session" }, 404);
    const headers = new Headers(c.req.raw.headers);
    // Only the Worker speaks x-edgelit-*: a client's own values never reach the object.
    for (const name of [...headers.keys()]) if (name.startsWith("x-edgelit-")) headers.delete(name);
    headers.set(USER_HEADER, JSON.stringify(c.get("user")));
    const ip = clientIp(c.req.raw.headers);
    if (ip) headers.set(IP_HEADER, ip);
    return sessionStub(c.env, id).fetch(new Request(c.req.url, { headers }));
  })
  .get("/api/sessions/:id/steps/:step", async (c) => {
    const { id, step } = c.req.param();
    if (!ID.test(id) || !STEP_ID.test(step)) return c.json({ error: "not found" }, 404);
    const stub = sessionStub(c.env, id);
    if ((await stub.owner()) !== c.get("user").identifier)
      return c.json({ error: "not found" }, 404);
    const text = await stub.stepText(step);
    if (!text) return c.json({ error: "not found" }, 404);
    return c.json<StepText>(text, 200, { "cache-control": "private, no-store" });
  })
  .get("/api/sessions/:id/elements/:element", async (c) => {
    const { id, element } = c.req.param();
    if (!ID.test(id) || !ID.test(element)) return c.json({ error: "not found" }, 404);
    if ((await sessionStub(c.env, id).owner()) !== c.get("user").identifier)
      return c.json({ error: "not found" }, 404);
    // A user's attachment is shown as an element with the upload's id.
    const object =
      (await c.env.FILES.get(elementKey(id, element))) ??
      (await c.env.FILES.get(uploadKey(id, element)));
    if (!object) return c.json({ error: "not found" }, 404);
    const headers = fileHeaders({
      mime: object.httpMetadata?.contentType,
      name: object.customMetadata?.name ?? "file",
    });
    return new Response(object.body, { headers });
  });
