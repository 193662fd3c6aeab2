/**
 * The copilot handshake on the real runtime: a host page's access token (checked by
 * cl.headerAuthCallback) becomes a short-lived copilot token that works with no cookie, on
 * /api/* and on the WebSocket upgrade; forged, expired, foreign-origin and login tokens are
 * refused, as are origins not in `[project] allow_origins` and other users' sessions.
 */
import { env, SELF } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hooks } from "../../durable-objects/sdk/hooks.js";
import { User } from "../../durable-objects/sdk/user.js";
import { COPILOT_TOKEN_HEADER, type CopilotTokenResponse } from "../../protocol/copilot.js";
import { signUser } from "../../worker/auth/jwt.js";
import { signCopilotToken } from "../../worker/copilot/token.js";
import { Client } from "../workers/harness.js";
import { ORIGIN } from "./helpers.js";

export const HOST = "https://allowed.example";
const EVIL = "https://evil.example";
const SECRET = "sJasow5ML2RJxC4LNV0wAET0SusSqmteMzfGfFdy5_I";

/** Asks for a copilot token as the widget on `origin` with the host's `accessToken`. */
export function askToken(accessToken: string, origin = HOST) {
  return SELF.fetch(`${ORIGIN}/copilot/token`, {
    method: "POST",
    headers: { origin, authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: "{}",
  });
}

/** A valid copilot token for `name` (ada, bob, carol) on the host origin. */
export async function copilotToken(name: string, origin = HOST): Promise<string> {
  const res = await askToken(`host-${name}`, origin);
  expect(res.status).toBe(200);
  return (await res.json<CopilotTokenResponse>()).token;
}

/** Creates a session with a copilot token (no cookie). */
export async function copilotSession(token: string, origin = HOST): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/api/sessions`, {
    method: "POST",
    headers: { origin, [COPILOT_TOKEN_HEADER]: token },
  });
}

/** Opens a session's socket as the widget does: the token as a subprotocol. */
export function openCopilot(sessionId: string, token: string, origin = HOST) {
  return Client.open(
    sessionId,
    { cookie: "" },
    {},
    { origin, "sec-websocket-protocol": `edgelit-copilot, ${token}` },
  );
}

const saved = { ...hooks };
beforeAll(() => {
  // The host's access token: "host-<name>" (the fixture's header callback reads x-test-user).
  hooks.headerAuth = (headers) => {
    const m = /^Bearer host-(ada|bob|carol)$/.exec(headers.get("authorization") ?? "");
    return m ? new User({ identifier: `header:${m[1]}` }) : null;
  };
});
afterAll(() => {
  Object.assign(hooks, saved);
});

describe("POST /copilot/token", () => {
  it("trades an access token the header callback accepts for a copilot token, with CORS for the host", async () => {
    const res = await askToken("host-bob");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(HOST);
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(res.headers.getSetCookie()).toEqual([]);
    const body = await res.json<CopilotTokenResponse>();
    expect(body.user.identifier).toBe("header:bob");
    expect(body.expiresAt).toBeGreaterThan(Date.now() + 60_000);
    expect(body.expiresAt).toBeLessThanOrEqual(Date.now() + 11 * 60_000);
  });

  it("refuses an access token the callback does not accept, and origins not configured", async () => {
    const refused = await askToken("host-mallory");
    expect(refused.status).toBe(401);
    await refused.arrayBuffer();
    const evil = await askToken("host-bob", EVIL);
    expect(evil.status).toBe(403);
    await evil.arrayBuffer();
  });

  it("answers a preflight from an allowed host origin only", async () => {
    const preflight = (origin: string) =>
      SELF.fetch(`${ORIGIN}/copilot/token`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type",
        },
      });
    const ok = await preflight(HOST);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(HOST);
    expect(ok.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    const bad = await preflight(EVIL);
    expect(bad.status).toBe(403);
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
    await bad.arrayBuffer();
  });
});

describe("the copilot token as the caller's identity", () => {
  it("creates and opens a session with no cookie; the upgrade answers the copilot subprotocol", async () => {
    const token = await copilotToken("bob");
    const created = await copilotSession(token);
    expect(created.status).toBe(201);
    expect(created.headers.get("access-control-allow-origin")).toBe(HOST);
    expect(created.headers.getSetCookie()).toEqual([]);
    const { sessionId } = await created.json<{ sessionId: string }>();
    const raw = await SELF.fetch(`${ORIGIN}/ws/${sessionId}`, {
      headers: {
        Upgrade: "websocket",
        origin: HOST,
        "sec-websocket-protocol": `edgelit-copilot, ${token}`,
      },
    });
    expect(raw.status).toBe(101);
    expect(raw.headers.get("sec-websocket-protocol")).toBe("edgelit-copilot");
    raw.webSocket?.accept();
    raw.webSocket?.close();
    const client = await openCopilot(sessionId, token);
    client.send({ type: "message", id: "m1", content: "hi" });
    await client.next((f) => f.type === "step" && f.step.output === "echo: hi");
    client.close();
  });

  it("refuses forged, expired, foreign-origin and login tokens", async () => {
    const bob = new User({ identifier: "header:bob" });
    const forged = (await signCopilotToken(bob, HOST, "another-secret-that-is-long-enough-xx"))
      .token;
    const expired = (await signCopilotToken(bob, HOST, SECRET, -5)).token;
    const foreign = (await signCopilotToken(bob, ORIGIN, SECRET)).token;
    const login = await signUser(bob, SECRET);
    for (const token of [forged, expired, foreign, login, ""]) {
      const res = await copilotSession(token);
      expect(res.status, token).toBe(401);
      await res.arrayBuffer();
    }
    expect(env.EDGELIT_AUTH_SECRET).toBe(SECRET);
  });

  it("refuses another user's session, and an upgrade from an origin not configured", async () => {
    const bobToken = await copilotToken("bob");
    const { sessionId } = await (await copilotSession(bobToken)).json<{ sessionId: string }>();
    const carolToken = await copilotToken("carol");
    await expect(openCopilot(sessionId, carolToken)).rejects.toThrow(/upgrade refused: 404/);
    await expect(openCopilot(sessionId, bobToken, EVIL)).rejects.toThrow(/upgrade refused: 403/);
    // A token stolen into another allowed page does not work there either.
    await expect(openCopilot(sessionId, bobToken, ORIGIN)).rejects.toThrow(/upgrade refused: 401/);
  });
});
