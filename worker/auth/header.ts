/**
 * Header-based login (behind an authenticating proxy): every request asks
 * `cl.headerAuthCallback` who the headers belong to. Nothing is cached, so the proxy stays
 * the only authority.
 */

import { hooks } from "../../durable-objects/sdk/hooks.js";
import type { User } from "../../durable-objects/sdk/user.js";
import { toUser } from "./to-user.js";

/** The user the callback finds in these headers, or null (also when none is registered). */
export async function headerUser(headers: Headers): Promise<User | null> {
  const callback = hooks.headerAuth;
  if (!callback) return null;
  return toUser(await callback(new Headers(headers)));
}
