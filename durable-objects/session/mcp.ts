/**
 * The session's MCP servers. Each connection (name, URL, transport, headers, the tools it listed)
 * is a row of the session's SQLite, so it survives reconnects, hibernation and restarts; the live
 * SDK client is only a cache, opened again on first use after a wake-up. Headers are secrets:
 * stored, sent to the MCP server, never sent back to a client nor logged.
 */

import { appConfig } from "../../protocol/app.js";
import type { ClientFrame } from "../../protocol/frames.js";
import { MCP_TRANSPORTS, type McpServerData, type McpTransport } from "../../protocol/mcp.js";
import { hooks } from "../sdk/hooks.js";
import { type McpClient, type McpConnection, type McpTool, mcpRuntime } from "../sdk/mcp.js";
import { withinLimit } from "./limits.js";
import { mcpUrlRefusal } from "./mcp-url.js";
import type { Session } from "./session.js";
import { readySockets, reply, socketState } from "./sockets.js";

/** Tools kept per server (a server listing thousands is cut, not refused). */
const MAX_TOOLS = 128;
const MAX_DESCRIPTION_CHARS = 1000;

type Row = {
  name: string;
  url: string;
  transport: string;
  headers: string;
  tools: string;
  dev: number;
};

/** A stored connection, with what the app may read of it (never the headers). */
export interface McpRecord extends McpConnection {
  tools: McpTool[];
}

/** The stored connections (`mcp_servers`, store/schema.ts; none before the first). */
function rows(session: Session): Row[] {
  return (
    session
      .table("mcp_servers", "read")
      ?.exec<Row>("SELECT * FROM mcp_servers ORDER BY ord")
      .toArray() ?? []
  );
}

function transportOf(value: string): McpTransport {
  return MCP_TRANSPORTS.find((t) => t === value) ?? "streamable-http";
}

function parseTools(text: string): McpTool[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as McpTool[]) : [];
}

/** The session's MCP servers for the app: name, URL, transport and tools (no headers). */
export function mcpRecords(session: Session): McpRecord[] {
  if (!session.exists) return [];
  return rows(session).map((r) => ({
    name: r.name,
    url: r.url,
    transport: transportOf(r.transport),
    tools: parseTools(r.tools),
  }));
}

/** The list the UI shows (snapshot and `mcp` events). */
export function mcpServers(session: Session): McpServerData[] {
  return mcpRecords(session).map((r) => ({
    name: r.name,
    url: r.url,
    transport: r.transport,
    tools: r.tools.map((t) => ({
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
    })),
  }));
}

/** Live clients and names being connected, per session instance (gone on hibernation). */
interface LiveState {
  clients: Map<string, Promise<McpClient>>;
  connecting: Set<string>;
}
const live = new WeakMap<Session, LiveState>();
function liveState(session: Session): LiveState {
  let state = live.get(session);
  if (!state) {
    state = { clients: new Map(), connecting: new Set() };
    live.set(session, state);
  }
  return state;
}

function keptTools(tools: McpTool[]): McpTool[] {
  return tools.slice(0, MAX_TOOLS).map((t) => ({
    name: String(t.name).slice(0, 256),
    ...(t.description
      ? { description: String(t.description).slice(0, MAX_DESCRIPTION_CHARS) }
      : {}),
    ...(t.inputSchema ? { inputSchema: t.inputSchema } : {}),
  }));
}

/** A clear, short reason from whatever the SDK or the network threw. */
function reason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, " ").slice(0, 300);
}

/**
 * Opens a client: the connector's fetch refuses any URL the policy refuses (a redirect or an SSE
 * endpoint elsewhere included), and the whole handshake, tool list included, must finish within
 * `[features.mcp] timeout_seconds`. A timer, not an alarm: a connect is one live request that
 * keeps the object awake, and nothing of it must outlive the object.
 */
async function open(
  connection: McpConnection,
  headers: Record<string, string>,
  dev: boolean,
): Promise<{ client: McpClient; tools: McpTool[] }> {
  const connector = mcpRuntime.connector;
  if (!connector) {
    throw new Error('the app does not import "edgelit/mcp", which MCP connections need');
  }
  const policy = { dev, allowHosts: appConfig.features.mcp.allow_hosts };
  const controller = new AbortController();
  const guarded: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const refusal = mcpUrlRefusal(url, policy);
    if (refusal) return Promise.reject(new Error(`refused ${new URL(url).origin}: ${refusal}`));
    const signal = init?.signal
      ? AbortSignal.any([init.signal, controller.signal])
      : controller.signal;
    return fetch(input, { ...init, signal });
  };
  const seconds = appConfig.features.mcp.timeout_seconds;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`the server did not answer within ${seconds} s`));
    }, seconds * 1000);
  });
  const connecting = connector(connection, { headers, fetch: guarded, signal: controller.signal });
  try {
    const client = await Promise.race([connecting, timeout]);
    try {
      const listed = await Promise.race([client.listTools(), timeout]);
      return { client, tools: keptTools(listed.tools) };
    } catch (err) {
      await client.close().catch(() => undefined);
      throw err;
    }
  } catch (err) {
    // A connect that finishes after its timeout is closed, not leaked.
    void connecting.then((c) => c.close()).catch(() => undefined);
    controller.abort();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function broadcastList(session: Session): void {
  session.emit({ type: "mcp", servers: mcpServers(session) });
}

type ConnectFrame = Extract<ClientFrame, { type: "mcp_connect" }>;

/** `mcp_connect`: checks, connects, stores, lists it to every client, then runs onMcpConnect. */
export async function mcpConnect(
  session: Session,
  ws: WebSocket,
  frame: ConnectFrame,
): Promise<void> {
  const refuse = (code: "bad_frame" | "too_large" | "busy", message: string) =>
    reply(ws, code, `MCP server "${frame.name}": ${message}`, "mcp_connect");
  const config = appConfig.features.mcp;
  if (!config.enabled) return refuse("bad_frame", "MCP is not enabled ([features.mcp] enabled)");
  const state = liveState(session);
  const existing = rows(session);
  if (existing.some((r) => r.name === frame.name) || state.connecting.has(frame.name)) {
    return refuse("busy", "a server with this name is already connected; remove it first");
  }
  if (existing.length + state.connecting.size >= config.max_servers) {
    return refuse("too_large", `a session may connect at most ${config.max_servers} servers`);
  }
  const dev = socketState(ws).dev === true;
  const refusal = mcpUrlRefusal(frame.url, { dev, allowHosts: config.allow_hosts });
  if (refusal) return refuse("bad_frame", refusal);
  const connection: McpConnection = {
    name: frame.name,
    url: frame.url,
    transport: frame.transport,
  };
  const headers = frame.headers ?? {};
  // Reserved before the first await: another frame for this name, or one past the cap, sent
  // while this one waits is refused above instead of racing it.
  state.connecting.add(frame.name);
  let opened: { client: McpClient; tools: McpTool[] };
  try {
    if (!(await withinLimit(session, ws, "mcp_connect"))) return;
    opened = await open(connection, headers, dev);
  } catch (err) {
    return refuse("bad_frame", `could not connect: ${reason(err)}`);
  } finally {
    state.connecting.delete(frame.name);
  }
  // Listed in the order connected (a clock that stands still while code runs cannot order them).
  session.table("mcp_servers", "write")?.exec(
    `INSERT INTO mcp_servers (name, ord, url, transport, headers, tools, dev)
     VALUES (?, (SELECT COALESCE(MAX(ord), 0) + 1 FROM mcp_servers), ?, ?, ?, ?, ?)`,
    frame.name,
    frame.url,
    frame.transport,
    JSON.stringify(headers),
    JSON.stringify(opened.tools),
    dev ? 1 : 0,
  );
  state.clients.set(frame.name, Promise.resolve(opened.client));
  broadcastList(session);
  const onConnect = hooks.mcpConnect;
  if (onConnect) {
    await session.runTask("onMcpConnect", () => onConnect(connection, opened.client));
  }
}

/** `mcp_disconnect`: closes and forgets the connection, lists the rest, runs onMcpDisconnect. */
export async function mcpDisconnect(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "mcp_disconnect" }>,
): Promise<void> {
  if (!appConfig.features.mcp.enabled) {
    return reply(ws, "bad_frame", "MCP is not enabled ([features.mcp] enabled)", "mcp_disconnect");
  }
  if (!rows(session).some((r) => r.name === frame.name)) {
    return reply(ws, "not_found", `no MCP server named "${frame.name}"`, "mcp_disconnect");
  }
  if (!(await withinLimit(session, ws, "mcp_disconnect"))) return;
  session.table("mcp_servers", "read")?.exec("DELETE FROM mcp_servers WHERE name = ?", frame.name);
  const client = liveState(session).clients.get(frame.name);
  liveState(session).clients.delete(frame.name);
  await client?.then((c) => c.close()).catch(() => undefined);
  broadcastList(session);
  const onDisconnect = hooks.mcpDisconnect;
  if (onDisconnect) await session.runTask("onMcpDisconnect", () => onDisconnect(frame.name));
}

/**
 * The connected client of server `name`, opened again from its stored row when this instance has
 * none (after hibernation or a restart). Throws a clear error for an unknown name.
 */
export function mcpClientOf(session: Session, name: string): Promise<McpClient> {
  const state = liveState(session);
  const cached = state.clients.get(name);
  if (cached) return cached;
  const row = session.exists ? rows(session).find((r) => r.name === name) : undefined;
  if (!row) {
    return Promise.reject(new Error(`no MCP server named "${name}" is connected in this session`));
  }
  const connection = { name: row.name, url: row.url, transport: transportOf(row.transport) };
  const headers = JSON.parse(row.headers) as Record<string, string>;
  const dev = row.dev === 1 || readySockets(session.ctx).some((ws) => socketState(ws).dev === true);
  const opening = open(connection, headers, dev).then(
    (o) => o.client,
    (err: unknown) => {
      state.clients.delete(name);
      throw new Error(`MCP server "${name}": could not reconnect: ${reason(err)}`);
    },
  );
  state.clients.set(name, opening);
  return opening;
}

/**
 * Closes and forgets this instance's live clients (the session ended); their rows stay, so a
 * later `mcpClient(name)` opens them again, as after hibernation.
 */
export async function closeMcpClients(session: Session): Promise<void> {
  const state = live.get(session);
  if (!state) return;
  live.delete(session);
  await Promise.all(
    [...state.clients.values()].map((c) =>
      c.then((client) => client.close()).catch(() => undefined),
    ),
  );
}
