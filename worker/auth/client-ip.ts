/**
 * The caller's address, as Cloudflare's edge saw it. `CF-Connecting-IP` is set by Cloudflare
 * (a client's own value is overwritten), so it is the only one trusted; X-Forwarded-For and
 * friends are client-controlled.
 */
export function clientIp(headers: Headers): string | undefined {
  return headers.get("CF-Connecting-IP")?.trim() || undefined;
}
