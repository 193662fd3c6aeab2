/**
 * The OAuth providers Edgelit knows. Each is enabled by `OAUTH_<ID>_CLIENT_ID` and
 * `OAUTH_<ID>_CLIENT_SECRET` (ID upper-cased, `-` → `_`) plus the variables it `requires`;
 * `OAUTH_<ID>_SCOPES` overrides its scopes. Redirect URI to register with the provider:
 * `<app URL>/auth/oauth/<id>/callback` (the app URL is `EDGELIT_URL` when set, else the
 * request's origin). A user's identifier is `<id>:<the provider's stable subject>`
 * (`generic:248289761001`, `github:583231`), never an email a user could type.
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
 * | `generic` | `OAUTH_GENERIC_ISSUER` (OIDC discovery), or `OAUTH_GENERIC_AUTH_URL` + `_TOKEN_URL` + `_USER_INFO_URL` (plain OAuth 2); `OAUTH_GENERIC_USER_IDENTIFIER` (claim, default `sub`; `email` only when verified) |
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

/** A stable id from a claim that may be a string or a number (GitHub's and Graph's ids). */
const idOf = (value: unknown) =>
  typeof value === "number" && Number.isSafeInteger(value) ? String(value) : str(value);

/** The email of OIDC claims, only when the provider says it verified it. */
const verifiedEmail = (raw: Record<string, unknown>) =>
  raw.email_verified === true || raw.email_verified === "true" ? str(raw.email) : undefined;

/**
 * The OIDC user: identified by `<provider>:<sub>`, the subject the provider promises never to
 * reuse or reassign. An email is not an identity (many providers let people type their own),
 * so it is kept only when verified, and only as metadata. `identifierClaim` picks another
 * claim (the generic provider's `OAUTH_GENERIC_USER_IDENTIFIER`); `email` is honoured only
 * when verified, else the sign-in has no identifier and is refused.
 */
function oidcUser(id: string, identifierClaim = "sub") {
  return (raw: Record<string, unknown>): UserOptions => {
    const email = verifiedEmail(raw);
    const subject =
      identifierClaim === "sub"
        ? (idOf(raw.sub) ?? idOf(raw.id))
        : identifierClaim === "email"
          ? email
          : idOf(raw[identifierClaim]);
    return {
      identifier: subject ? `${id}:${subject}` : "",
      displayName: str(raw.name) ?? str(raw.preferred_username) ?? email,
      metadata: {
        provider: id,
        ...(str(raw.picture) ? { image: raw.picture } : {}),
        ...(email ? { email } : {}),
      },
    };
  };
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
  // The numeric id: a login can be renamed and then taken by someone else.
  defaultUser: (raw) => {
    const id = idOf(raw.id);
    return {
      identifier: id ? `github:${id}` : "",
      displayName: str(raw.name) ?? str(raw.login),
      metadata: {
        provider: "github",
        ...(str(raw.login) ? { login: raw.login } : {}),
        ...(str(raw.avatar_url) ? { image: raw.avatar_url } : {}),
        // GitHub shows only a verified address as a profile's email; /user/emails is filtered.
        ...(str(raw.email) ? { email: raw.email } : {}),
      },
    };
  },
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
  // The object id: `mail` is unverified (any tenant admin sets it) and a UPN can be renamed
  // or reassigned, so neither names the user; both stay in metadata for the app.
  defaultUser: (raw) => {
    const id = idOf(raw.id);
    return {
      identifier: id ? `azure-ad:${id}` : "",
      displayName: str(raw.displayName) ?? str(raw.userPrincipalName),
      metadata: {
        provider: "azure-ad",
        ...(str(raw.userPrincipalName) ? { userPrincipalName: raw.userPrincipalName } : {}),
        ...(str(raw.mail) ? { mail: raw.mail } : {}),
      },
    };
  },
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
