/**
 * Logins that can be forged or outlive logout: a weak EDGELIT_AUTH_SECRET stops the Worker
 * with a clear message, and a cookie captured before logout is refused after it — at once in
 * the isolate that handled the logout, and everywhere within REVOCATION_CHECK_MS.
 */
import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { REVOCATION_CHECK_MS } from "../../worker/auth/revocation.js";
import worker from "../../worker/index.js";
import { config, login, ORIGIN } from "./helpers.js";

afterEach(() => vi.restoreAllMocks());

async function withSecret(secret: string, path: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${ORIGIN}${path}`, init),
    { ...env, EDGELIT_AUTH_SECRET: secret },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

function createSession(cookie: string) {
  return SELF.fetch(`${ORIGIN}/api/sessions`, { method: "POST", headers: { cookie } });
}

/** The `jti` of a login cookie. */
function tokenId(cookie: string): string {
  const payload = cookie.split(".")[1] ?? "";
  const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as {
    jti?: string;
  };
  return claims.jti ?? "";
}

describe("weak EDGELIT_AUTH_SECRET", () => {
  it("answers 500 naming the problem and the fix on every route but /health", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const secret of ["changeme", "x".repeat(64)]) {
      for (const [path, init] of [
        ["/api/config"],
        ["/auth/login", { method: "POST", body: "{}" }],
      ] as [string, RequestInit?][]) {
        const res = await withSecret(secret, path, init);
        expect(res.status, path).toBe(500);
        const { error } = (await res.json()) as { error: string };
        expect(error).toMatch(/EDGELIT_AUTH_SECRET is too weak/);
        expect(error).toMatch(/npx edgelit create-secret/);
      }
      expect((await withSecret(secret, "/health")).status).toBe(200);
    }
    expect(log).toHaveBeenCalledTimes(2);
  });
});

describe("logout", () => {
  it("revokes the token: a cookie captured before logout is refused after it", async () => {
    const { cookie } = await login("ada");
    const captured = cookie;
    expect((await createSession(captured)).status).toBe(201);
    const out = await SELF.fetch(`${ORIGIN}/auth/logout`, {
      method: "POST",
      headers: { cookie, origin: ORIGIN },
    });
    expect(out.status).toBe(200);
    await out.arrayBuffer();
    const replay = await createSession(captured);
    expect(replay.status).toBe(401);
    await replay.arrayBuffer();
    expect((await config({ cookie: captured })).user).toBeNull();
    // Signing in again gives a new token that works.
    const again = await login("ada");
    expect((await createSession(again.cookie)).status).toBe(201);
  });

  it("takes effect in every isolate within REVOCATION_CHECK_MS", async () => {
    const { cookie } = await login("bob");
    expect((await createSession(cookie)).status).toBe(201);
    // Another isolate signs this token out: only D1 knows.
    await env.DB.prepare("INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?)")
      .bind(tokenId(cookie), Date.now() + 60_000)
      .run();
    const start = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(start + REVOCATION_CHECK_MS + 1);
    const later = await createSession(cookie);
    expect(later.status).toBe(401);
    await later.arrayBuffer();
    expect(REVOCATION_CHECK_MS).toBeLessThanOrEqual(10_000);
  });

  it("refuses a login token without an id (it could never be revoked)", async () => {
    const { SignJWT } = await import("jose");
    const token = await new SignJWT({ identifier: "ada" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("edgelit")
      .setAudience("edgelit:session")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(env.EDGELIT_AUTH_SECRET ?? ""));
    const res = await createSession(`edgelit_auth=${token}`);
    expect(res.status).toBe(401);
    await res.arrayBuffer();
  });
});
