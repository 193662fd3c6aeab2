import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newSession } from "../workers/harness.js";
import { config, cookieFrom, login, ORIGIN, postLogin, setCookieLine } from "./helpers.js";

describe("password login", () => {
  it("reports login as required, with the enabled methods, to a signed-out caller", async () => {
    const body = await config();
    expect(body.user).toBeNull();
    expect(body.auth).toEqual({
      required: true,
      password: true,
      header: true,
      oauthProviders: ["github", "keycloak", "generic"],
    });
    expect(body.starters).toEqual([]);
  });

  it("refuses /api and /ws to a signed-out caller with 401", async () => {
    const create = await SELF.fetch(`${ORIGIN}/api/sessions`, { method: "POST" });
    expect([create.status, await create.json()]).toEqual([401, { error: "sign in required" }]);
    const ws = await SELF.fetch(`${ORIGIN}/ws/${crypto.randomUUID()}`, {
      headers: { Upgrade: "websocket" },
    });
    expect(ws.status).toBe(401);
    await ws.arrayBuffer();
  });

  it("signs in with good credentials: an HttpOnly, SameSite=Lax cookie naming the user", async () => {
    const res = await postLogin({ username: "ada", password: "ada-pw" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { identifier: "ada", displayName: "ADA" } });
    const line = setCookieLine(res, "edgelit_auth") ?? "";
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Path=\//);
    expect(line).not.toMatch(/Secure/i); // plain http here; https gets Secure
    const cookie = cookieFrom(res, "edgelit_auth") ?? "";
    const body = await config({ cookie });
    expect(body.user).toMatchObject({ identifier: "ada", displayName: "ADA", anonymous: false });
    expect(body.user?.metadata).toEqual({ via: "password" });
  });

  it("sets a Secure cookie over https", async () => {
    const res = await SELF.fetch("https://edgelit.test/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "ada", password: "ada-pw" }),
    });
    expect(res.status).toBe(200);
    expect(setCookieLine(res, "edgelit_auth")).toMatch(/Secure/);
  });

  it("accepts a form post", async () => {
    const res = await SELF.fetch(`${ORIGIN}/auth/login`, {
      method: "POST",
      body: new URLSearchParams({ username: "bob", password: "bob-pw" }),
    });
    expect(res.status).toBe(200);
    expect(cookieFrom(res, "edgelit_auth")).toBeDefined();
  });

  it("refuses bad credentials with 401 and no cookie", async () => {
    for (const body of [
      { username: "ada", password: "wrong" },
      { username: "nobody", password: "nobody-pw" },
    ]) {
      const res = await postLogin(body);
      expect([res.status, await res.json()]).toEqual([401, { error: "Invalid credentials" }]);
      expect(cookieFrom(res, "edgelit_auth")).toBeUndefined();
    }
    const malformed = await postLogin({ username: 1 });
    expect(malformed.status).toBe(400);
  });

  it("refuses a login posted from another site", async () => {
    const res = await postLogin(
      { username: "ada", password: "ada-pw" },
      { Origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect(cookieFrom(res, "edgelit_auth")).toBeUndefined();
  });

  it("limits login attempts per client IP", async () => {
    const ip = { "CF-Connecting-IP": "203.0.113.77" };
    for (let i = 0; i < 10; i++) {
      const res = await postLogin({ username: "ada", password: "wrong" }, ip);
      expect(res.status).toBe(401);
    }
    const limited = await postLogin({ username: "ada", password: "ada-pw" }, ip);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: string }).error).toMatch(/slow down/);
    // Another address is not affected.
    const other = await postLogin(
      { username: "ada", password: "ada-pw" },
      { "CF-Connecting-IP": "203.0.113.78" },
    );
    expect(other.status).toBe(200);
  });

  it("lets a signed-in user create a session; logout signs them out", async () => {
    const user = await login("carol");
    expect(await newSession(user)).toMatch(/^[0-9a-f-]{36}$/);
    const out = await SELF.fetch(`${ORIGIN}/auth/logout`, {
      method: "POST",
      headers: { cookie: user.cookie },
    });
    expect(out.status).toBe(200);
    const cleared = setCookieLine(out, "edgelit_auth") ?? "";
    expect(cleared).toMatch(/Max-Age=0/i);
    const after = cookieFrom(out, "edgelit_auth") ?? "edgelit_auth=";
    expect((await config({ cookie: after })).user).toBeNull();
    const create = await SELF.fetch(`${ORIGIN}/api/sessions`, {
      method: "POST",
      headers: { cookie: after },
    });
    expect(create.status).toBe(401);
  });
});
