/**
 * The OAuth providers Edgelit knows. Each is enabled by `OAUTH_<ID>_CLIENT_ID` and
 * `OAUTH_<ID>_CLIENT_SECRET` (ID upper-cased, `-` → `_`) plus the variables it `requires`;
 * `OAUTH_<ID>_SCOPES` overrides its scopes. Redirect URI to register with the provider:
 * `<app URL>/auth/oauth/<id>/callback` (the app URL is `EDGELIT_URL` when set, else the
 * request's origin).
 *
 * | id | extra variables |
 * |---|---|
 * | `github` | `OAUTH_GITHUB_BASE_URL` and `OAUTH_GITHUB_API_URL` for GitHub Enterprise Server (default `https://github.com`, and `<base>/api/v3` or `https://api.github.com`) |
 * | `google` | — |
 * | `gitlab` | `OAUTH_GITLAB_DOMAIN` (default `gitlab.com`) |
 * | `azure-ad` | `OAUTH_AZURE_AD_TENANT_ID` (default `common`) |
 * | `okta` | `OAUTH_OKTA_DOMAIN` (required), `OAUTH_OKTA_AUTHORIZATION_SERVER_ID` |
 * | `auth0` | `OAUTH_AUTH0_DOMAIN` (required) |
 * | `keycloak` | `OAUTH_KEYCLOAK_BASE_URL`, `OAUTH_KEYCLOAK_REALM` (both required) |
 * | `generic` | `OAUTH_GENERIC_ISSUER` (OIDC discovery), or `OAUTH_GENERIC_AUTH_URL` + `_TOKEN_URL` + `_USER_INFO_URL` (plain OAuth 2); `OAUTH_GENERIC_USER_IDENTIFIER` (claim, default `email`) |
 */
import type * as oauth from "oauth4webapi";
import type { UserOptions } from "../../../durable-objects/sdk/user.js";
import { discover, getJson, getObject, oidcUserInfo } from "./server.js";

/** Reads `OAUTH_<ID>_<name>` of the provider at hand. */
export type ProviderVars = (name: string) => string | undefined;

export interface OAuthProvider {
  id: string;
  /** Variables (after `OAUTH_<ID>_`) needed besides the client id and secret. */
  requires?: (vars: ProviderVars) => string[];
  scope: string;
  /** How the client secret is sent to the token endpoint. @default "basic" */
  clientAuth?: "basic" | "post";
  /** Extra authorization request parameters. */
  params?: Record<string, string>;
  server: (vars: ProviderVars) => Promise<oauth.AuthorizationServer>;
  /** The provider's own description of the user (what `cl.oauthCallback` gets as raw data). */
  userInfo: (
    as: oauth.AuthorizationServer,
    client: oauth.Client,
    tokens: oauth.TokenEndpointResponse,
    vars: ProviderVars,
  ) => Promise<Record<string, unknown>>;
  /** The `defaultUser` handed to `cl.oauthCallback`. */
  defaultUser: (raw: Record<string, unknown>, vars: ProviderVars) => UserOptions;
}

const str = (value: unknown) => (typeof value === "string" && value ? value : undefined);

/** `dev-1.okta.com` or `https://dev-1.okta.com/` → `https://dev-1.okta.com`. */
const baseUrl = (value: string) =>
  (/^https?:\/\//.test(value) ? value : `https://${value}`).replace(/\/+$/, "");

/** The usual OIDC user: email (or username, or subject), name and picture. */
function oidcUser(id: string, identifierClaim = "email") {
  return (raw: Record<string, unknown>): UserOptions => ({
    identifier:
      str(raw[identifierClaim]) ??
      str(raw.email) ??
      str(raw.preferred_username) ??
      str(raw.sub) ??
      "",
    displayName: str(raw.name) ?? str(raw.preferred_username),
    metadata: { provider: id, ...(str(raw.picture) ? { image: raw.picture } : {}) },
  });
}

function oidc(
  id: string,
  issuer: (vars: ProviderVars) => string,
  requires?: (vars: ProviderVars) => string[],
): OAuthProvider {
  return {
    id,
    requires,
    scope: "openid profile email",
    server: (vars) => discover(issuer(vars)),
    userInfo: (as, client, tokens) => oidcUserInfo(as, client, tokens),
    defaultUser: oidcUser(id),
  };
}

const need =
  (...names: string[]) =>
  (vars: ProviderVars) =>
    names.filter((n) => !vars(n));

const github: OAuthProvider = {
  id: "github",
  scope: "read:user user:email",
  clientAuth: "post",
  server: async (vars) => {
    const base = `${baseUrl(vars("BASE_URL") ?? "github.com")}/login/oauth`;
    return {
      issuer: base,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/access_token`,
    };
  },
  async userInfo(_as, _client, tokens, vars) {
    const base = vars("BASE_URL");
    const api = baseUrl(vars("API_URL") ?? (base ? `${baseUrl(base)}/api/v3` : "api.github.com"));
    const headers = { accept: "application/vnd.github+json" };
    const user = await getObject(`${api}/user`, tokens.access_token, headers);
    if (!user.email) {
      // Private emails are only in /user/emails; the login works without one.
      const emails = await getJson(`${api}/user/emails`, tokens.access_token, headers).catch(
        () => null,
      );
      const list: unknown[] = Array.isArray(emails) ? emails : [];
      const primary = list.find(
        (e) =>
          e && typeof e === "object" && Reflect.get(e, "primary") && Reflect.get(e, "verified"),
      );
      if (primary) user.email = Reflect.get(primary, "email");
    }
    return user;
  },
  defaultUser: (raw) => ({
    identifier: str(raw.login) ?? "",
    displayName: str(raw.name) ?? str(raw.login),
    metadata: {
      provider: "github",
      ...(str(raw.avatar_url) ? { image: raw.avatar_url } : {}),
      ...(str(raw.email) ? { email: raw.email } : {}),
    },
  }),
};

const azureAd: OAuthProvider = {
  id: "azure-ad",
  // Graph only, no `openid`: a multi-tenant ("common") ID token names the user's own tenant
  // as issuer, which no fixed issuer check can accept.
  scope: "https://graph.microsoft.com/User.Read",
  clientAuth: "post",
  server: async (vars) => {
    const tenant = encodeURIComponent(vars("TENANT_ID") ?? "common");
    const base = `https://login.microsoftonline.com/${tenant}`;
    return {
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
    };
  },
  userInfo: (_as, _client, tokens) =>
    getObject("https://graph.microsoft.com/v1.0/me", tokens.access_token),
  defaultUser: (raw) => ({
    identifier: str(raw.userPrincipalName) ?? str(raw.mail) ?? str(raw.id) ?? "",
    displayName: str(raw.displayName),
    metadata: { provider: "azure-ad", ...(str(raw.mail) ? { email: raw.mail } : {}) },
  }),
};

const generic: OAuthProvider = {
  id: "generic",
  requires: (vars) => (vars("ISSUER") ? [] : need("AUTH_URL", "TOKEN_URL", "USER_INFO_URL")(vars)),
  scope: "openid profile email",
  server: async (vars) => {
    const issuer = vars("ISSUER");
    if (issuer) return discover(issuer);
    const authUrl = vars("AUTH_URL") ?? "";
    return {
      issuer: new URL(authUrl).origin,
      authorization_endpoint: authUrl,
      token_endpoint: vars("TOKEN_URL"),
      userinfo_endpoint: vars("USER_INFO_URL"),
    };
  },
  userInfo: async (as, client, tokens, vars) =>
    vars("ISSUER")
      ? oidcUserInfo(as, client, tokens)
      : getObject(vars("USER_INFO_URL") ?? "", tokens.access_token),
  defaultUser: (raw, vars) => oidcUser("generic", vars("USER_IDENTIFIER"))(raw),
};

/** Every known provider, by id. */
export const PROVIDERS: readonly OAuthProvider[] = [
  github,
  { ...oidc("google", () => "https://accounts.google.com"), params: { prompt: "select_account" } },
  oidc("gitlab", (vars) => baseUrl(vars("DOMAIN") ?? "gitlab.com")),
  azureAd,
  oidc(
    "okta",
    (vars) => {
      const server = vars("AUTHORIZATION_SERVER_ID");
      const base = baseUrl(vars("DOMAIN") ?? "");
      return server ? `${base}/oauth2/${encodeURIComponent(server)}` : base;
    },
    need("DOMAIN"),
  ),
  oidc("auth0", (vars) => `${baseUrl(vars("DOMAIN") ?? "")}/`, need("DOMAIN")),
  oidc(
    "keycloak",
    (vars) =>
      `${baseUrl(vars("BASE_URL") ?? "")}/realms/${encodeURIComponent(vars("REALM") ?? "")}`,
    need("BASE_URL", "REALM"),
  ),
  generic,
];
