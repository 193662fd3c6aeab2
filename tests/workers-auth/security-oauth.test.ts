/**
 * An OAuth user is who the provider's stable subject says, never an email a user could type:
 * an unverified email equal to someone else's is not their account, and the same subject is the
 * same user whatever their email or login became.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PROVIDERS } from "../../worker/auth/oauth/providers.js";
import { config, ORIGIN, oauthLogin, upgrade } from "./helpers.js";

async function signedIn(provider: string, who: string) {
  const cookie = await oauthLogin(provider, who);
  expect(cookie, `${provider} ${who}`).toBeDefined();
  const body = await config({ cookie: cookie ?? "" });
  return { cookie: cookie ?? "", user: body.user };
}

describe("OAuth identity", () => {
  for (const provider of ["generic", "keycloak", "github"]) {
    it(`${provider}: an unverified email equal to another user's does not sign in as them`, async () => {
      const ada = await signedIn(provider, "ada");
      const eve = await signedIn(provider, "eve");
      expect(eve.user?.identifier).not.toBe(ada.user?.identifier);
      expect(eve.user?.identifier).toMatch(new RegExp(`^${provider}:`));
      expect(eve.user?.metadata?.email).toBeUndefined();
      // Ada's chat stays Ada's: Eve cannot open it.
      const res = await SELF.fetch(`${ORIGIN}/api/sessions`, {
        method: "POST",
        headers: { cookie: ada.cookie },
      });
      const { sessionId } = await res.json<{ sessionId: string }>();
      const refused = await upgrade(sessionId, { cookie: eve.cookie });
      expect(refused.webSocket).toBeNull();
      await refused.arrayBuffer();
    });

    it(`${provider}: two sign-ins with the same subject are the same user`, async () => {
      const before = await signedIn(provider, "ada");
      const after = await signedIn(provider, "ada-renamed");
      expect(after.user?.identifier).toBe(before.user?.identifier);
      expect(after.user?.metadata?.email).toBe("countess@example.com");
    });
  }

  it("every provider's default user is namespaced and keeps only a verified email", () => {
    const vars = () => undefined;
    const claims = { sub: "s-9", id: 77, email: "boss@corp.example", email_verified: false };
    for (const provider of PROVIDERS) {
      const user = provider.defaultUser(
        { ...claims, mail: "boss@corp.example", userPrincipalName: "boss@corp.example" },
        vars,
      );
      expect(user.identifier, provider.id).toMatch(new RegExp(`^${provider.id}:(s-9|77)$`));
      if (provider.id !== "github") expect(user.metadata?.email, provider.id).toBeUndefined();
    }
    const generic = PROVIDERS.find((p) => p.id === "generic");
    const byEmail = (name: string) => (name === "USER_IDENTIFIER" ? "email" : undefined);
    // Asked to identify by email, an unverified one gives no identifier (the sign-in fails).
    expect(generic?.defaultUser(claims, byEmail).identifier).toBe("");
    expect(generic?.defaultUser({ ...claims, email_verified: true }, byEmail).identifier).toBe(
      "generic:boss@corp.example",
    );
  });
});
