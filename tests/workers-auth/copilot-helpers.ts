/** The copilot handshake as a host page's widget does it, for the auth runtime tests. */
import { SELF } from "cloudflare:test";
import { afterAll, beforeAll, expect } from "vitest";
import { hooks } from "../../durable-objects/sdk/hooks.js";
import { User } from "../../durable-objects/sdk/user.js";
import { COPILOT_TOKEN_HEADER, type CopilotTokenResponse } from "../../protocol/copilot.js";
import { Client } from "../workers/harness.js";
import { ORIGIN } from "./helpers.js";

/** The host page origin `[project] allow_origins` lists. */
export const HOST = "https://allowed.example";
export const EVIL = "https://evil.example";
/** The test EDGELIT_AUTH_SECRET (./vitest.config.ts). */
export const COPILOT_SECRET = "sJasow5ML2RJxC4LNV0wAET0SusSqmteMzfGfFdy5_I";

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

/**
 * The host's access token is "host-<name>" for ada, bob and carol, checked by the header
 * callback for the file's tests (the fixture's is restored after).
 */
export function installHostAuth(): void {
  const saved = { ...hooks };
  beforeAll(() => {
    hooks.headerAuth = (headers) => {
      const m = /^Bearer host-(ada|bob|carol)$/.exec(headers.get("authorization") ?? "");
      return m ? new User({ identifier: `header:${m[1]}` }) : null;
    };
  });
  afterAll(() => {
    Object.assign(hooks, saved);
  });
}
