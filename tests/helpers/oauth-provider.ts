/**
 * A small OAuth 2 / OpenID Connect provider on loopback for the auth tests: discovery, an
 * authorize endpoint that signs the user in at once (the user is picked with `login_hint`),
 * a token endpoint that checks the client secret, redirect URI and PKCE verifier, RS256 ID
 * tokens, UserInfo and JWKS. Any path prefix is an issuer of its own, so
 * `<url>/realms/test` serves a Keycloak-shaped realm and `<url>` a generic OIDC provider.
 * GitHub's shape is there too: `<url>/login/oauth/{authorize,access_token}` (plain OAuth 2,
 * no ID token without `openid`) and the API `<url>/api/user`, `<url>/api/user/emails`.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { readBody } from "./loopback.js";

export const TEST_CLIENT_ID = "edgelit-test";
export const TEST_CLIENT_SECRET = "edgelit-test-secret";

/** What the provider says of a user: OIDC claims, plus GitHub's numeric `id` and `login`. */
export type ProviderUser = Record<string, string | number | boolean>;

/**
 * The people the provider knows, by `login_hint`. `eve` typed Ada's address as her own email
 * (unverified); `ada-renamed` is Ada (same subject) after changing her email and login.
 */
export const PROVIDER_USERS: Record<string, ProviderUser> = {
  ada: {
    sub: "ada-1",
    id: 1001,
    login: "ada-l",
    email: "ada@example.com",
    email_verified: true,
    name: "Ada Lovelace",
    picture: "https://x/a.png",
  },
  "ada-renamed": {
    sub: "ada-1",
    id: 1001,
    login: "countess",
    email: "countess@example.com",
    email_verified: true,
    name: "Ada King",
  },
  eve: {
    sub: "eve-1",
    id: 1666,
    login: "ada-l2",
    email: "ada@example.com",
    email_verified: false,
    name: "Ada Lovelace",
  },
  mallory: {
    sub: "mallory-1",
    id: 1002,
    login: "mallory",
    email: "mallory@blocked.example",
    email_verified: true,
    name: "Mallory",
  },
};

export interface FakeOAuthProvider {
  url: string;
  stats: { authorize: number; token: number; userinfo: number };
  close(): Promise<void>;
}

interface Grant {
  issuer: string;
  redirectUri: string;
  challenge: string;
  nonce?: string;
  openid: boolean;
  user: ProviderUser;
}

const WELL_KNOWN = "/.well-known/openid-configuration";

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** Client credentials from Basic auth or the form body. */
function clientOf(req: IncomingMessage, form: URLSearchParams): { id?: string; secret?: string } {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
  if (basic?.[1]) {
    const [id, secret] = Buffer.from(basic[1], "base64").toString().split(":");
    return { id: decodeURIComponent(id ?? ""), secret: decodeURIComponent(secret ?? "") };
  }
  return { id: form.get("client_id") ?? undefined, secret: form.get("client_secret") ?? undefined };
}

export async function startOAuthProvider(): Promise<FakeOAuthProvider> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test", alg: "RS256", use: "sig" };
  const grants = new Map<string, Grant>();
  const tokens = new Map<string, ProviderUser>();
  const stats = { authorize: 0, token: 0, userinfo: 0 };
  let base = "";

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", base);
      const [, prefix = "", endpoint = ""] =
        /^(.*?)(\/\.well-known\/openid-configuration|\/authorize|\/token|\/access_token|\/userinfo|\/user|\/user\/emails|\/jwks)$/.exec(
          url.pathname,
        ) ?? [];
      const issuer = base + prefix;
      if (endpoint === WELL_KNOWN) {
        return json(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          code_challenge_methods_supported: ["S256"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        });
      }
      if (endpoint === "/jwks") return json(res, 200, { keys: [jwk] });
      if (endpoint === "/authorize") {
        stats.authorize++;
        const q = url.searchParams;
        const redirectUri = q.get("redirect_uri");
        if (q.get("client_id") !== TEST_CLIENT_ID || !redirectUri) {
          return json(res, 400, { error: "invalid_client" });
        }
        const back = new URL(redirectUri);
        const state = q.get("state");
        if (state) back.searchParams.set("state", state);
        const challenge = q.get("code_challenge");
        if (
          q.get("response_type") !== "code" ||
          !challenge ||
          q.get("code_challenge_method") !== "S256"
        ) {
          back.searchParams.set("error", "invalid_request");
        } else {
          const code = randomBytes(16).toString("hex");
          const user = PROVIDER_USERS[q.get("login_hint") ?? "ada"] ?? PROVIDER_USERS.ada!;
          grants.set(code, {
            issuer,
            redirectUri,
            challenge,
            nonce: q.get("nonce") ?? undefined,
            openid: (q.get("scope") ?? "").split(" ").includes("openid"),
            user,
          });
          back.searchParams.set("code", code);
        }
        res.writeHead(302, { location: back.href });
        return res.end();
      }
      if ((endpoint === "/token" || endpoint === "/access_token") && req.method === "POST") {
        stats.token++;
        const form = new URLSearchParams(await readBody(req));
        const client = clientOf(req, form);
        if (client.id !== TEST_CLIENT_ID || client.secret !== TEST_CLIENT_SECRET) {
          return json(res, 401, { error: "invalid_client" });
        }
        const code = form.get("code") ?? "";
        const grant = grants.get(code);
        grants.delete(code);
        const verifier = form.get("code_verifier") ?? "";
        const computed = createHash("sha256").update(verifier).digest("base64url");
        if (
          !grant ||
          grant.issuer !== issuer ||
          form.get("grant_type") !== "authorization_code" ||
          form.get("redirect_uri") !== grant.redirectUri ||
          computed !== grant.challenge
        ) {
          return json(res, 400, { error: "invalid_grant" });
        }
        const accessToken = randomBytes(16).toString("hex");
        tokens.set(accessToken, grant.user);
        if (!grant.openid) {
          return json(res, 200, { access_token: accessToken, token_type: "bearer", scope: "" });
        }
        const idToken = await new SignJWT({
          ...grant.user,
          ...(grant.nonce ? { nonce: grant.nonce } : {}),
        })
          .setProtectedHeader({ alg: "RS256", kid: "test" })
          .setIssuer(issuer)
          .setAudience(TEST_CLIENT_ID)
          .setSubject(String(grant.user.sub ?? ""))
          .setIssuedAt()
          .setExpirationTime("5m")
          .sign(privateKey);
        return json(res, 200, {
          access_token: accessToken,
          token_type: "Bearer",
          expires_in: 300,
          id_token: idToken,
          scope: "openid profile email",
        });
      }
      if (endpoint === "/userinfo" || endpoint === "/user" || endpoint === "/user/emails") {
        stats.userinfo++;
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
        const user = tokens.get(token);
        if (!user) return json(res, 401, { error: "invalid_token" });
        if (endpoint === "/userinfo") return json(res, 200, user);
        // GitHub: the email is private, so only /user/emails has it.
        if (endpoint === "/user") {
          return json(res, 200, {
            id: user.id,
            login: user.login,
            name: user.name,
            avatar_url: user.picture ?? null,
            email: null,
          });
        }
        return json(res, 200, [
          { email: "old@example.com", primary: false, verified: true },
          { email: user.email, primary: true, verified: user.email_verified === true },
        ]);
      }
      json(res, 404, { error: "not_found" });
    } catch (err) {
      json(res, 500, { error: "server_error", error_description: String(err) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    stats,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
