import { env, SELF } from "cloudflare:test";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { User } from "../../durable-objects/sdk/user.js";
import { signOAuthState, signUser } from "../../worker/auth/jwt.js";
import { config, login, ORIGIN, setCookieLine } from "./helpers.js";

const secret = () => env.EDGELIT_AUTH_SECRET ?? "";
const key = () => new TextEncoder().encode(secret());

async function asCookie(token: string) {
  const cookie = `edgelit_auth=${token}`;
  const res = await SELF.fetch(`${ORIGIN}/api/sessions`, { method: "POST", headers: { cookie } });
  return {
    status: res.status,
    cleared: setCookieLine(res, "edgelit_auth"),
    user: (await config({ cookie })).user,
  };
}

describe("login cookie", () => {
  it("is a signed token the Worker accepts", async () => {
    const token = await signUser(new User({ identifier: "ada" }), secret());
    expect((await asCookie(token)).status).toBe(201);
  });

  it("refuses an expired token and clears it", async () => {
    const token = await new SignJWT({ identifier: "ada" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("edgelit")
      .setAudience("edgelit:session")
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key());
    const seen = await asCookie(token);
    expect(seen.status).toBe(401);
    expect(seen.user).toBeNull();
    expect(seen.cleared).toMatch(/Max-Age=0/i);
  });

  it("refuses a tampered token", async () => {
    const { cookie } = await login("ada");
    const token = cookie.slice("edgelit_auth=".length);
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(atob(payload!.replace(/-/g, "+").replace(/_/g, "/")));
    const forged = btoa(JSON.stringify({ ...claims, identifier: "bob", sub: "bob" }))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    expect((await asCookie(`${header}.${forged}.${signature}`)).status).toBe(401);
    const flipped = signature!.slice(0, -2) + (signature!.endsWith("AA") ? "BB" : "AA");
    expect((await asCookie(`${header}.${payload}.${flipped}`)).status).toBe(401);
  });

  it("refuses a token signed with another secret, with alg none, or of another kind", async () => {
    const other = await signUser(new User({ identifier: "ada" }), "some-other-secret-0123456789");
    expect((await asCookie(other)).status).toBe(401);
    const none = `${btoa(JSON.stringify({ alg: "none" }))}.${btoa(
      JSON.stringify({ identifier: "ada", iss: "edgelit", aud: "edgelit:session" }),
    )}.`.replace(/=/g, "");
    expect((await asCookie(none)).status).toBe(401);
    const state = await signOAuthState(
      { provider: "generic", state: "s", codeVerifier: "v" },
      secret(),
    );
    expect((await asCookie(state)).status).toBe(401);
  });
});
