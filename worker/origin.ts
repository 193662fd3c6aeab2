/**
 * Who may drive this Worker from a browser. Every state-changing request (any method but
 * GET/HEAD/OPTIONS) and every WebSocket upgrade must come from the app's own origin or one in
 * `[project] allow_origins`. A local dev server also refuses DNS rebinding: there, a page on
 * `evil.test` resolving to 127.0.0.1 would be "same origin", so only requests for localhost or
 * an IP address, from such an origin, are served.
 */
import type { MiddlewareHandler } from "hono";
import { appConfig } from "../protocol/app.js";
import { clientIp } from "./auth/client-ip.js";
import type { AppEnv } from "./types.js";

/**
 * Ports Cloudflare serves Workers on (`""` is the scheme's default). A request for any other
 * port (`edgelit run`'s 8787) can only have reached a local dev server.
 */
const CLOUDFLARE_PORTS = new Set([
  "",
  "80",
  "443",
  "8080",
  "8880",
  "2052",
  "2082",
  "2086",
  "2095",
  "2053",
  "2083",
  "2087",
  "2096",
  "8443",
]);

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** A loopback address as a client IP (`127.x`, `::1`, `::ffff:127.x`). */
function loopbackIp(ip: string): boolean {
  const v4 = ip.replace(/^::ffff:/i, "");
  return (IPV4.test(v4) && v4.startsWith("127.")) || ip === "::1";
}

/**
 * True when this request reached a local dev server: its port is one Cloudflare never serves,
 * or the client is this machine (Cloudflare's edge always sets a real, public CF-Connecting-IP).
 */
export function isLocalDev(request: Request): boolean {
  if (!CLOUDFLARE_PORTS.has(new URL(request.url).port)) return true;
  const ip = clientIp(request.headers);
  return ip !== undefined && loopbackIp(ip);
}

/**
 * A host name no DNS answer can rebind: `localhost` (and `*.localhost`, which browsers resolve
 * to loopback themselves) or an IP address (a LAN address when serving with `--host 0.0.0.0`).
 */
export function unrebindableHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return (
    host === "localhost" || host.endsWith(".localhost") || IPV4.test(host) || host.startsWith("[")
  );
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).hostname;
  } catch {
    return null;
  }
}

/**
 * Same origin, or one listed in `[project] allow_origins`; on a local dev server the origin
 * must also be localhost or an IP address. Non-browser clients send no Origin and pass.
 */
export function originAllowed(request: Request): boolean {
  const origin = request.headers.get("Origin");
  if (!origin) return true;
  if (isLocalDev(request)) {
    const host = hostOf(origin);
    if (!host || !unrebindableHost(host)) return false;
  }
  if (origin === new URL(request.url).origin) return true;
  return appConfig.project.allow_origins.some((o) => o === "*" || o === origin);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** 403 for a state-changing request or a WebSocket upgrade from an origin not allowed. */
export const requireOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const upgrade = c.req.header("Upgrade")?.toLowerCase() === "websocket";
  if ((upgrade || !SAFE_METHODS.has(c.req.method)) && !originAllowed(c.req.raw)) {
    return c.json({ error: "origin not allowed" }, 403);
  }
  await next();
};

/**
 * On a local dev server, 403 for a request addressed to a domain name other than localhost:
 * that is how a DNS-rebinding page would reach it (and spend the developer's API key).
 */
export const refuseRebinding: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { hostname } = new URL(c.req.url);
  if (isLocalDev(c.req.raw) && !unrebindableHost(hostname)) {
    return c.json(
      {
        error:
          `this development server answers only requests for localhost or an IP address, ` +
          `not "${hostname}"`,
      },
      403,
    );
  }
  await next();
};
