/**
 * Who a copilot widget is: the user of the copilot token it presents (a header on HTTP, a
 * subprotocol on the WebSocket upgrade), from an origin the config still allows. No cookie is
 * read or set on this path, so the widget works where the browser blocks third-party cookies.
 */
import type { Context } from "hono";
import type { User } from "../../durable-objects/sdk/user.js";
import { COPILOT_SUBPROTOCOL, COPILOT_TOKEN_HEADER } from "../../protocol/copilot.js";
import { envString, SECRET_VAR } from "../auth/env.js";
import { originAllowed } from "../origin.js";
import type { AppEnv } from "../types.js";
import { verifyCopilotToken } from "./token.js";

/** The token a WebSocket upgrade offers as `edgelit-copilot, <token>`, if it offers ours. */
export function subprotocolToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const offered = header.split(",").map((p) => p.trim());
  if (!offered.includes(COPILOT_SUBPROTOCOL)) return undefined;
  return offered.find((p) => p !== COPILOT_SUBPROTOCOL && p !== "") ?? "";
}

/** The copilot token of this request, if it carries one (an empty one counts: it is refused). */
export function copilotToken(c: Context<AppEnv>): string | undefined {
  return (
    c.req.header(COPILOT_TOKEN_HEADER) ?? subprotocolToken(c.req.header("Sec-WebSocket-Protocol"))
  );
}

/**
 * undefined: the request carries no copilot token (another identity applies). null: it
 * carries one that is forged, expired, issued to another origin, or from an origin no longer
 * allowed (the request is refused; it never falls back to a cookie). Else the token's user,
 * and the request's client type becomes "copilot".
 */
export async function copilotCaller(c: Context<AppEnv>): Promise<User | null | undefined> {
  const token = copilotToken(c);
  if (token === undefined) return undefined;
  const secret = envString(c.env, SECRET_VAR);
  if (!secret || !token || !originAllowed(c.req.raw)) return null;
  const user = await verifyCopilotToken(token, c.req.header("Origin") ?? null, secret);
  if (user) c.set("clientType", "copilot");
  return user;
}
