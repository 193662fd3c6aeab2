/**
 * The copilot widget's routes. `POST /copilot/token` trades what the host page proves (its
 * `accessToken`, checked by `cl.headerAuthCallback`; in a public app, the widget's own visitor
 * secret) for a short-lived copilot token. CORS answers only origins the config allows, and
 * never with credentials: the widget sends its token, not cookies. Its WebSocket upgrade
 * answers with the copilot subprotocol and tells the session it is a copilot chat.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { IP_HEADER, USER_HEADER } from "../../durable-objects/chat-session.js";
import { rateRefusal } from "../../durable-objects/rate-limiter.js";
import { authEnabled, hooks } from "../../durable-objects/sdk/hooks.js";
import { User } from "../../durable-objects/sdk/user.js";
import { CLIENT_TYPE_HEADER } from "../../protocol/client-type.js";
import {
  COPILOT_SUBPROTOCOL,
  COPILOT_TOKEN_HEADER,
  COPILOT_TOKEN_PATH,
  type CopilotTokenResponse,
  VISITOR_SECRET,
} from "../../protocol/copilot.js";
import { clientIp } from "../auth/client-ip.js";
import { authSecret, secretError } from "../auth/env.js";
import { headerUser } from "../auth/header.js";
import { originAllowed } from "../origin.js";
import { SESSION_ID, sessionStub } from "../sessions.js";
import type { AppEnv } from "../types.js";
import { signCopilotToken } from "./token.js";

/** Paths a host page's widget calls across origins. */
function corsPath(path: string): boolean {
  return path === COPILOT_TOKEN_PATH || path.startsWith("/api/");
}

/**
 * CORS for the widget: a preflight from an allowed host origin is answered here (before any
 * sign-in check), and responses to it name that origin. Other origins get no CORS headers, so
 * the browser keeps the answer from them.
 */
export const copilotCors: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header("Origin");
  if (!origin || !corsPath(c.req.path) || origin === new URL(c.req.url).origin) return next();
  const allowed = originAllowed(c.req.raw);
  if (c.req.method === "OPTIONS" && c.req.header("Access-Control-Request-Method")) {
    if (!allowed) return c.json({ error: "origin not allowed" }, 403);
    return new Response(null, {
      status: 204,
      headers: {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "GET, POST, PATCH, DELETE",
        "Access-Control-Allow-Headers": `content-type, authorization, ${COPILOT_TOKEN_HEADER}`,
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      },
    });
  }
  await next();
  if (!allowed) return;
  // Responses relayed from elsewhere (R2, a Durable Object) have immutable headers.
  c.res = new Response(c.res.body, c.res);
  c.res.headers.set("Access-Control-Allow-Origin", origin);
  c.res.headers.append("Vary", "Origin");
};

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The anonymous visitor a widget's secret names (only its hash is ever stored). */
async function widgetVisitor(secret: string): Promise<User> {
  const id = (await sha256Hex(`copilot:${secret}`)).slice(0, 32);
  return new User({
    identifier: `visitor:${id}`,
    displayName: "You",
    metadata: { anonymous: true },
  });
}

async function visitorSecret(request: Request): Promise<string | undefined> {
  try {
    const body: unknown = await request.json();
    const visitor = body && typeof body === "object" ? Reflect.get(body, "visitor") : undefined;
    return typeof visitor === "string" && VISITOR_SECRET.test(visitor) ? visitor : undefined;
  } catch {
    return undefined;
  }
}

export const copilot = new Hono<AppEnv>()
  .post(COPILOT_TOKEN_PATH, async (c) => {
    const origin = c.req.header("Origin");
    // requireOrigin (../origin.ts) already refused a POST from an origin not allowed.
    if (!origin)
      return c.json({ error: "a copilot token is asked for by a web page (no Origin)" }, 400);
    const problem = secretError(c.env);
    if (problem)
      return c.json(
        { error: `the copilot widget needs a signing secret: ${problem.message}` },
        500,
      );
    let user: User | null;
    if (authEnabled()) {
      if (!hooks.headerAuth) {
        return c.json(
          {
            error:
              "this app signs users in with a password or OAuth, whose cookies a host page " +
              "cannot use; register cl.headerAuthCallback to accept the widget's accessToken " +
              "(it arrives as Authorization: Bearer <accessToken>)",
          },
          401,
        );
      }
      user = await headerUser(c.req.raw.headers);
      if (!user) return c.json({ error: "access token refused" }, 401);
    } else {
      const secret = await visitorSecret(c.req.raw);
      if (!secret) {
        return c.json({ error: 'body must be {"visitor": "<43 base64url characters>"}' }, 400);
      }
      user = await widgetVisitor(secret);
    }
    const ip = clientIp(c.req.raw.headers);
    const refusal = await rateRefusal(c.env, "sessions", {
      user: `copilot:${user.identifier}`,
      ...(ip ? { ip } : {}),
    });
    if (refusal) return c.json({ error: refusal }, 429);
    const { token, expiresAt } = await signCopilotToken(user, origin, authSecret(c.env));
    return c.json<CopilotTokenResponse>({
      token,
      expiresAt,
      user: { identifier: user.identifier, displayName: user.displayName },
    });
  })
  /** Whether the widget's remembered session of this page is still the caller's (to resume). */
  .get("/api/copilot/sessions/:id", async (c) => {
    const id = c.req.param("id");
    const mine =
      SESSION_ID.test(id) && (await sessionStub(c.env, id).owner()) === c.get("user").identifier;
    return c.json({ ok: mine }, mine ? 200 : 404);
  })
  .get("/ws/:id", async (c, next) => {
    // Only a copilot-token upgrade is ours; the web app's goes on to ../sessions.ts.
    if (c.get("clientType") !== "copilot") return next();
    const id = c.req.param("id");
    if (c.req.header("Upgrade") !== "websocket")
      return c.json({ error: "expected a WebSocket upgrade" }, 426);
    if (!SESSION_ID.test(id)) return c.json({ error: "no such session" }, 404);
    const headers = new Headers({ Upgrade: "websocket" });
    headers.set(USER_HEADER, JSON.stringify(c.get("user")));
    headers.set(CLIENT_TYPE_HEADER, "copilot");
    const ip = clientIp(c.req.raw.headers);
    if (ip) headers.set(IP_HEADER, ip);
    const res = await sessionStub(c.env, id).fetch(new Request(c.req.url, { headers }));
    if (!res.webSocket) return res;
    // A browser drops a socket whose server picks none of the protocols it offered.
    return new Response(null, {
      status: 101,
      webSocket: res.webSocket,
      headers: { "Sec-WebSocket-Protocol": COPILOT_SUBPROTOCOL },
    });
  });
