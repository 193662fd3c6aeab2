import { SELF } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import {
  authorize,
  oauthCallback as callback,
  config,
  cookieFrom,
  manual,
  ORIGIN,
  setCookieLine,
  startOAuth as start,
} from "./helpers.js";

describe("OAuth", () => {
  it("signs in through the generic OIDC provider with state, nonce and PKCE", async () => {
    const { location, cookie } = await start("generic");
    expect(location.origin).toBe(inject("oauthUrl"));
    const q = location.searchParams;
    expect(q.get("client_id")).toBe("edgelit-test");
    expect(q.get("redirect_uri")).toBe(`${ORIGIN}/auth/oauth/generic/callback`);
    expect(q.get("code_challenge_method")).toBe("S256");
    for (const name of ["state", "nonce", "code_challenge"]) expect(q.get(name)).toBeTruthy();

    const back = await authorize(location);
    expect(back.pathname).toBe("/auth/oauth/generic/callback");
    const done = await callback(back, cookie);
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/");
    const auth = cookieFrom(done, "edgelit_auth");
    expect(auth).toBeDefined();
    expect(setCookieLine(done, "edgelit_oauth")).toMatch(/Max-Age=0/i);
    const body = await config({ cookie: auth ?? "" });
    expect(body.user).toMatchObject({
      identifier: "generic:ada-1",
      displayName: "Ada Lovelace",
      metadata: { provider: "generic", image: "https://x/a.png", email: "ada@example.com" },
    });
  });

  it("signs in through a Keycloak realm", async () => {
    const { location, cookie } = await start("keycloak");
    expect(location.href.startsWith(`${inject("oauthUrl")}/realms/test/authorize`)).toBe(true);
    const done = await callback(await authorize(location), cookie);
    expect(done.status).toBe(302);
    const body = await config({ cookie: cookieFrom(done, "edgelit_auth") ?? "" });
    expect(body.user?.identifier).toBe("keycloak:ada-1");
  });

  it("signs in through GitHub's plain OAuth 2 flow, finding a private email", async () => {
    const { location, cookie } = await start("github");
    expect(location.href.startsWith(`${inject("oauthUrl")}/login/oauth/authorize?`)).toBe(true);
    expect(location.searchParams.get("nonce")).toBeNull();
    const done = await callback(await authorize(location), cookie);
    expect(done.status).toBe(302);
    const body = await config({ cookie: cookieFrom(done, "edgelit_auth") ?? "" });
    expect(body.user).toMatchObject({
      identifier: "github:1001",
      displayName: "Ada Lovelace",
      metadata: {
        provider: "github",
        login: "ada-l",
        email: "ada@example.com",
        image: "https://x/a.png",
      },
    });
  });

  it("refuses a callback whose state does not match", async () => {
    const { location, cookie } = await start("generic");
    const back = await authorize(location);
    back.searchParams.set("state", "forged-state");
    const res = await callback(back, cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/state mismatch/);
    expect(cookieFrom(res, "edgelit_auth")).toBeUndefined();
  });

  it("shows the provider's refusal and never replays a used code", async () => {
    const { location, cookie } = await start("generic");
    const denied = new URL(`${ORIGIN}/auth/oauth/generic/callback`);
    denied.searchParams.set("state", location.searchParams.get("state") ?? "");
    denied.searchParams.set("error", "access_denied");
    const refused = await callback(denied, cookie);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/refused the sign-in \(access_denied\)/);

    const again = await start("generic");
    const back = await authorize(again.location);
    expect((await callback(back, again.cookie)).status).toBe(302);
    const replay = await callback(back, again.cookie);
    expect(replay.status).toBe(502);
    expect(cookieFrom(replay, "edgelit_auth")).toBeUndefined();
  });

  it("refuses a callback without the state cookie of this browser", async () => {
    const { location } = await start("generic");
    const back = await authorize(location);
    const res = await callback(back, "");
    expect(res.status).toBe(400);
    expect(cookieFrom(res, "edgelit_auth")).toBeUndefined();
    // Nor does another provider's state cookie fit.
    const other = await start("keycloak");
    const crossed = await callback(back, other.cookie);
    expect(crossed.status).toBe(400);
  });

  it("refuses a user the oauth callback turns away", async () => {
    const { location, cookie } = await start("generic");
    const res = await callback(await authorize(location, "mallory"), cookie);
    expect(res.status).toBe(403);
    expect(cookieFrom(res, "edgelit_auth")).toBeUndefined();
  });

  it("answers 404 for providers that are unknown or not fully configured", async () => {
    for (const id of ["nope", "okta", "google"]) {
      const res = await SELF.fetch(`${ORIGIN}/auth/oauth/${id}`, manual);
      expect(res.status, id).toBe(404);
    }
  });
});
