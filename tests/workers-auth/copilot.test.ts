/**
 * The copilot handshake on the real runtime: a host page's access token (checked by
 * cl.headerAuthCallback) becomes a short-lived copilot token that works with no cookie, on
 * /api/* and on the WebSocket upgrade; forged, expired, foreign-origin and login tokens are
 * refused, as are origins not in `[project] allow_origins` and other users' sessions.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { User } from "../../durable-objects/sdk/user.js";
import type { CopilotTokenResponse } from "../../protocol/copilot.js";
import { signUser } from "../../worker/auth/jwt.js";
import { signCopilotToken } from "../../worker/copilot/token.js";
import {
  askToken,
  copilotSession,
  copilotToken,
  EVIL,
  HOST,
  installHostAuth,
  openCopilot,
  COPILOT_SECRET as SECRET,
} from "./copilot-helpers.js";
import { ORIGIN } from "./helpers.js";

installHostAuth();

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
    // The widget's resume check tells each user about their own session only.
    const resume = (token: string) =>
      SELF.fetch(`${ORIGIN}/api/copilot/sessions/${sessionId}`, {
        headers: { origin: HOST, "edgelit-copilot-token": token },
      });
    expect((await resume(bobToken)).status).toBe(200);
    expect((await resume(carolToken)).status).toBe(404);
    await expect(openCopilot(sessionId, bobToken, EVIL)).rejects.toThrow(/upgrade refused: 403/);
    // A token stolen into another allowed page does not work there either.
    await expect(openCopilot(sessionId, bobToken, ORIGIN)).rejects.toThrow(/upgrade refused: 401/);
  });
});
