/**
 * One loopback server speaking the chat platforms' real endpoints that Edgelit calls: Slack's
 * Web API (`chat.postMessage`, `chat.update`), Discord's interaction webhooks (edit the
 * original response, follow-ups, edits) and the Bot Framework (token, OpenID metadata, JWKS,
 * conversation activities). Each call is recorded; `GET /_calls` lists them for assertions
 * from inside workerd. Bad credentials get the platform's own kind of refusal.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./loopback.js";

/** A recorded API call. */
export interface PlatformCall {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
  at: number;
}

export interface PlatformServer {
  url: string;
  calls: PlatformCall[];
  close(): Promise<void>;
}

export interface PlatformServerOptions {
  slackToken: string;
  teamsAppId: string;
  teamsPassword: string;
  /** The Bot Framework's signing keys (public JWKs with `kid`). */
  teamsJwks: unknown[];
}

/** The bearer token the fake Bot Framework hands the bot. */
export const TEAMS_BOT_TOKEN = "fake-bot-framework-token";

/** Writes a JSON answer; `true` marks the request as answered. */
function json(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
  return true;
}

function parse(raw: string, type: string | undefined): unknown {
  if (type?.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return raw ? JSON.parse(raw) : null;
  } catch {
    return raw;
  }
}

export async function startPlatformServer(options: PlatformServerOptions): Promise<PlatformServer> {
  const calls: PlatformCall[] = [];
  let next = 1;
  const route = (req: IncomingMessage, res: ServerResponse, body: unknown, url: string): true => {
    const path = new URL(req.url ?? "/", url).pathname;
    const auth = req.headers.authorization ?? null;
    const b = (body ?? {}) as Record<string, unknown>;
    if (req.method === "GET" && path === "/_calls") return json(res, 200, calls);
    calls.push({ method: req.method ?? "", path, authorization: auth, body, at: Date.now() });
    // Slack's upload URL (no token: the URL itself is the credential).
    if (path.startsWith("/slack/upload/")) return json(res, 200, { ok: true });
    // Slack Web API: 200 with ok:false for its own errors.
    if (path.startsWith("/slack/api/")) {
      if (auth !== `Bearer ${options.slackToken}`) {
        return json(res, 200, { ok: false, error: "invalid_auth" });
      }
      if (
        path.startsWith("/slack/api/chat.") &&
        (!b.channel || (typeof b.text !== "string" && !b.blocks))
      ) {
        return json(res, 200, { ok: false, error: "no_text" });
      }
      if (path === "/slack/api/chat.postMessage") {
        return json(res, 200, { ok: true, channel: b.channel, ts: `1700000000.${next++}` });
      }
      if (path === "/slack/api/chat.update") {
        return json(res, 200, { ok: true, channel: b.channel, ts: b.ts });
      }
      if (path === "/slack/api/files.getUploadURLExternal") {
        if (!b.filename || !b.length)
          return json(res, 200, { ok: false, error: "invalid_arguments" });
        const id = `F${next++}`;
        return json(res, 200, { ok: true, upload_url: `${url}/slack/upload/${id}`, file_id: id });
      }
      if (path === "/slack/api/files.completeUploadExternal") {
        if (!Array.isArray(b.files) || !b.channel_id) {
          return json(res, 200, { ok: false, error: "invalid_arguments" });
        }
        return json(res, 200, { ok: true, files: b.files });
      }
      return json(res, 200, { ok: false, error: "unknown_method" });
    }
    // Discord interaction webhooks (the token in the path authorizes).
    const discord = /^\/discord\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path);
    const multipart = req.headers["content-type"]?.startsWith("multipart/form-data") ?? false;
    if (discord) {
      if (multipart && req.method === "POST") return json(res, 200, { id: String(9000 + next++) });
      if (typeof b.content !== "string" || b.content.length > 2000) {
        return json(res, 400, { message: "Invalid Form Body", code: 50035 });
      }
      if (req.method === "POST" && !discord[3])
        return json(res, 200, { id: String(9000 + next++) });
      if (req.method === "PATCH" && discord[3]) return json(res, 200, { id: discord[3] });
      return json(res, 405, { message: "405: Method Not Allowed" });
    }
    // Bot Framework.
    if (path === "/teams/openid") {
      return json(res, 200, {
        issuer: "https://api.botframework.com",
        jwks_uri: `${url}/teams/jwks`,
      });
    }
    if (path === "/teams/jwks") return json(res, 200, { keys: options.teamsJwks });
    if (path === "/teams/token") {
      if (b.client_id !== options.teamsAppId || b.client_secret !== options.teamsPassword) {
        return json(res, 401, { error: "invalid_client" });
      }
      return json(res, 200, {
        token_type: "Bearer",
        expires_in: 3600,
        access_token: TEAMS_BOT_TOKEN,
      });
    }
    const activity = /^\/teams\/connector\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(
      path,
    );
    if (activity) {
      if (auth !== `Bearer ${TEAMS_BOT_TOKEN}`) return json(res, 401, { message: "Unauthorized" });
      if (req.method === "POST") return json(res, 200, { id: `activity-${next++}` });
      if (req.method === "PUT") return json(res, 200, { id: activity[2] });
    }
    return json(res, 404, { error: `not found: ${req.method} ${path}` });
  };
  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => route(req, res, parse(raw, req.headers["content-type"]), url))
      .catch((err: unknown) => res.destroy(err as Error));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
