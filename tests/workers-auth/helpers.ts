/** Sign-in helpers for the auth runtime tests (the chat client is ../workers/harness.ts). */
import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import type { ClientConfig } from "../../protocol/api.js";
import type { Visitor } from "../workers/harness.js";

export const ORIGIN = "http://edgelit.test";

/** A cookie from a response's Set-Cookie, as a request Cookie header value. */
export function cookieFrom(res: Response, name: string): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(";")[0] ?? "";
    if (pair.startsWith(`${name}=`)) return pair;
  }
  return undefined;
}

export function setCookieLine(res: Response, name: string): string | undefined {
  return res.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

export function postLogin(body: unknown, headers: Record<string, string> = {}) {
  return SELF.fetch(`${ORIGIN}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** Signs in with the password form; the result works as a harness Visitor. */
export async function login(username: string, password = `${username}-pw`): Promise<Visitor> {
  const res = await postLogin({ username, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = cookieFrom(res, "edgelit_auth");
  if (!cookie) throw new Error("no auth cookie");
  return { cookie };
}

export async function config(headers: Record<string, string> = {}): Promise<ClientConfig> {
  const res = await SELF.fetch(`${ORIGIN}/api/config`, { headers });
  return res.json<ClientConfig>();
}

export function upgrade(id: string, headers: Record<string, string>) {
  return SELF.fetch(`${ORIGIN}/ws/${id}`, { headers: { Upgrade: "websocket", ...headers } });
}

export const manual = { redirect: "manual" } as const;

/** Starts an OAuth sign-in: the provider URL and the state cookie. */
export async function startOAuth(provider: string) {
  const res = await SELF.fetch(`${ORIGIN}/auth/oauth/${provider}`, manual);
  expect(res.status).toBe(302);
  const cookie = cookieFrom(res, "edgelit_oauth");
  expect(setCookieLine(res, "edgelit_oauth")).toMatch(/HttpOnly/i);
  return { location: new URL(res.headers.get("location") ?? ""), cookie: cookie ?? "" };
}

/** The loopback provider's answer for `loginHint`: where it sends the browser back to. */
export async function authorize(location: URL, loginHint = "ada") {
  location.searchParams.set("login_hint", loginHint);
  const res = await fetch(location, manual);
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location") ?? "");
}

export function oauthCallback(url: URL, cookie: string) {
  return SELF.fetch(url, { ...manual, headers: { cookie } });
}

/** A whole OAuth sign-in as the provider's user `loginHint`: the login cookie, or undefined. */
export async function oauthLogin(provider: string, loginHint: string): Promise<string | undefined> {
  const { location, cookie } = await startOAuth(provider);
  const done = await oauthCallback(await authorize(location, loginHint), cookie);
  await done.arrayBuffer();
  return cookieFrom(done, "edgelit_auth");
}
