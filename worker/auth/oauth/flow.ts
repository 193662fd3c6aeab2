/**
 * The OAuth authorization code flow with PKCE: `GET /auth/oauth/:provider` redirects to the
 * provider with a fresh state, nonce and code challenge, kept in a short-lived signed cookie;
 * `GET /auth/oauth/:provider/callback` checks them, exchanges the code, reads the user, asks
 * `cl.oauthCallback` and signs the user in.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import * as oauth from "oauth4webapi";
import { hooks } from "../../../durable-objects/sdk/hooks.js";
import { User } from "../../../durable-objects/sdk/user.js";
import type { AppEnv } from "../../types.js";
import { authSecret, envString } from "../env.js";
import { OAUTH_STATE_TTL_SECONDS, signOAuthState, verifyOAuthState } from "../jwt.js";
import { setAuthCookie } from "../session-cookie.js";
import { toUser } from "../to-user.js";
import { type OAuthProvider, PROVIDERS, type ProviderVars } from "./providers.js";
import { transport } from "./server.js";

const STATE_COOKIE = "edgelit_oauth";
const STATE_PATH = "/auth/oauth";

interface Configured {
  provider: OAuthProvider;
  vars: ProviderVars;
  clientId: string;
  clientSecret: string;
}

const warned = new Set<string>();

/** The provider with its credentials when its variables are all set (a partial set is logged). */
function configured(env: Env, provider: OAuthProvider): Configured | null {
  const prefix = `OAUTH_${provider.id.toUpperCase().replace(/-/g, "_")}_`;
  const vars: ProviderVars = (name) => envString(env, prefix + name);
  const clientId = vars("CLIENT_ID");
  const clientSecret = vars("CLIENT_SECRET");
  if (!clientId) return null;
  const missing = [
    ...(clientSecret ? [] : ["CLIENT_SECRET"]),
    ...(provider.requires?.(vars) ?? []),
  ];
  if (missing.length > 0 || !clientSecret) {
    if (!warned.has(provider.id)) {
      warned.add(provider.id);
      console.warn(
        `Edgelit: OAuth provider "${provider.id}" is off: set ${missing.map((m) => prefix + m).join(", ")}`,
      );
    }
    return null;
  }
  return { provider, vars, clientId, clientSecret };
}

/** The ids of the providers users can sign in with (none without `cl.oauthCallback`). */
export function enabledProviders(env: Env): string[] {
  if (!hooks.oauth) return [];
  return PROVIDERS.filter((p) => configured(env, p)).map((p) => p.id);
}

function find(c: Context<AppEnv>): Configured | null {
  const provider = PROVIDERS.find((p) => p.id === c.req.param("provider"));
  return provider && hooks.oauth ? configured(c.env, provider) : null;
}

function redirectUri(c: Context<AppEnv>, id: string): string {
  const base = envString(c.env, "EDGELIT_URL") ?? new URL(c.req.url).origin;
  return `${base.replace(/\/+$/, "")}/auth/oauth/${id}/callback`;
}

/** A small page for a browser that came back from the provider to a failed sign-in. */
function failure(c: Context<AppEnv>, status: 400 | 403 | 404 | 502, message: string) {
  return c.html(
    html`<!doctype html><meta charset="utf-8" /><title>Sign-in failed</title>
      <p class="alert">${message}</p>
      <p><a href="/">Back to sign in</a></p>`,
    status,
  );
}

/** The provider's metadata; null (logged) when it cannot be had. */
async function serverOf({ provider, vars }: Configured) {
  try {
    return await provider.server(vars);
  } catch (err) {
    console.error(`Edgelit: OAuth provider ${provider.id} is unreachable or misconfigured:`, err);
    return null;
  }
}

const unavailable = (c: Context<AppEnv>, id: string) =>
  failure(c, 502, `Sign-in with ${id} is unavailable right now.`);

/** `GET /auth/oauth/:provider`: off to the provider, with state, nonce and PKCE remembered. */
export async function startOAuth(c: Context<AppEnv>): Promise<Response> {
  const found = find(c);
  if (!found) return failure(c, 404, "Unknown sign-in provider.");
  const { provider, vars, clientId } = found;
  const as = await serverOf(found);
  if (!as?.authorization_endpoint) return unavailable(c, provider.id);
  const scope = vars("SCOPES") ?? provider.scope;
  const state = oauth.generateRandomState();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const nonce = scope.split(/\s+/).includes("openid") ? oauth.generateRandomNonce() : undefined;
  const url = new URL(as.authorization_endpoint);
  const params: Record<string, string> = {
    ...provider.params,
    client_id: clientId,
    redirect_uri: redirectUri(c, provider.id),
    response_type: "code",
    scope,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    ...(nonce ? { nonce } : {}),
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const token = await signOAuthState(
    { provider: provider.id, state, codeVerifier, ...(nonce ? { nonce } : {}) },
    authSecret(c.env),
  );
  setCookie(c, STATE_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    path: STATE_PATH,
    maxAge: OAUTH_STATE_TTL_SECONDS,
  });
  return c.redirect(url.href, 302);
}

/**
 * `GET /auth/oauth/:provider/callback`: checks the state, exchanges the code, reads the user,
 * asks `cl.oauthCallback`, then signs the user in and goes home.
 */
export async function finishOAuth(c: Context<AppEnv>): Promise<Response> {
  const found = find(c);
  if (!found) return failure(c, 404, "Unknown sign-in provider.");
  const { provider, vars, clientId, clientSecret } = found;
  const cookie = getCookie(c, STATE_COOKIE);
  deleteCookie(c, STATE_COOKIE, { path: STATE_PATH });
  const saved = cookie ? await verifyOAuthState(cookie, authSecret(c.env)) : null;
  if (!saved || saved.provider !== provider.id) {
    return failure(c, 400, "This sign-in expired or was started elsewhere. Please sign in again.");
  }
  const as = await serverOf(found);
  if (!as) return unavailable(c, provider.id);
  const client: oauth.Client = { client_id: clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, new URL(c.req.url), saved.state);
  } catch (err) {
    const refused = err instanceof oauth.AuthorizationResponseError;
    return failure(
      c,
      400,
      refused
        ? `${provider.id} refused the sign-in (${err.error}).`
        : "The sign-in could not be verified (state mismatch). Please sign in again.",
    );
  }
  let user: User | null;
  try {
    const auth =
      provider.clientAuth === "post"
        ? oauth.ClientSecretPost(clientSecret)
        : oauth.ClientSecretBasic(clientSecret);
    const res = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      auth,
      params,
      redirectUri(c, provider.id),
      saved.codeVerifier,
      transport(as.token_endpoint),
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, res, {
      expectedNonce: saved.nonce ?? oauth.expectNoNonce,
      requireIdToken: saved.nonce !== undefined,
    });
    const raw = await provider.userInfo(as, client, tokens, vars);
    const defaultUser = new User(provider.defaultUser(raw, vars));
    user = toUser(await hooks.oauth?.(provider.id, tokens.access_token, raw, defaultUser));
  } catch (err) {
    console.error(`Edgelit: OAuth sign-in with ${provider.id} failed:`, err);
    return failure(c, 502, `The sign-in with ${provider.id} failed. Please try again.`);
  }
  if (!user) return failure(c, 403, "Access denied.");
  await setAuthCookie(c, user);
  return c.redirect("/", 302);
}
