/**
 * Talking to authorization servers with oauth4webapi: OIDC discovery (cached per isolate),
 * http allowed for loopback addresses only (local test and dev providers), JSON APIs read with
 * the access token.
 */
import * as oauth from "oauth4webapi";

/** Request options: plain http only to a loopback address, https everywhere else. */
export function transport(url: string | URL | undefined): { [oauth.allowInsecureRequests]?: true } {
  if (!url) return {};
  const { protocol, hostname } = new URL(url);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
  return protocol === "http:" && loopback ? { [oauth.allowInsecureRequests]: true } : {};
}

const discovered = new Map<string, Promise<oauth.AuthorizationServer>>();

/** The metadata of an OIDC issuer, fetched once per isolate (a failure is retried next time). */
export function discover(issuer: string): Promise<oauth.AuthorizationServer> {
  let server = discovered.get(issuer);
  if (!server) {
    const url = new URL(issuer);
    server = oauth
      .discoveryRequest(url, { algorithm: "oidc", ...transport(url) })
      .then((res) => oauth.processDiscoveryResponse(url, res));
    server.catch(() => discovered.delete(issuer));
    discovered.set(issuer, server);
  }
  return server;
}

/** GET a JSON API of the provider with the user's access token. */
export async function getJson(
  url: string,
  accessToken: string,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const res = await oauth.protectedResourceRequest(
    accessToken,
    "GET",
    new URL(url),
    new Headers({ accept: "application/json", ...headers }),
    undefined,
    transport(url),
  );
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}

/** Like getJson, for an API that answers one JSON object. */
export async function getObject(
  url: string,
  accessToken: string,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const body = await getJson(url, accessToken, headers);
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new Error(`${url} did not answer a JSON object`);
  }
  return { ...body };
}

/** The OIDC user: the UserInfo endpoint's claims, or the ID token's when there is none. */
export async function oidcUserInfo(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  tokens: oauth.TokenEndpointResponse,
): Promise<Record<string, unknown>> {
  const claims = oauth.getValidatedIdTokenClaims(tokens);
  if (!as.userinfo_endpoint) {
    if (!claims) throw new Error("the provider returned no ID token and has no UserInfo endpoint");
    return { ...claims };
  }
  const res = await oauth.userInfoRequest(
    as,
    client,
    tokens.access_token,
    transport(as.userinfo_endpoint),
  );
  const info = await oauth.processUserInfoResponse(
    as,
    client,
    claims?.sub ?? oauth.skipSubjectCheck,
    res,
  );
  return { ...info };
}
