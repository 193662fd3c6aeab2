/**
 * The MCP part of the author API that costs nothing: the hooks and the shapes they receive.
 * Connecting needs the MCP SDK, which only `edgelit/mcp` imports (it installs the connector
 * here), so an app that does not use MCP bundles none of it. The client is typed by what Edgelit
 * itself calls; at run time it is the SDK's `Client`.
 */
import type { McpTransport } from "../../protocol/mcp.js";
import { type MaybePromise, register } from "./hooks.js";

/**
 * A tool an MCP server lists, as Edgelit keeps it (JSON Schema of its arguments).
 * @example
 * const { tools } = await client.listTools();
 * const described = tools.map((t: cl.McpTool) => `${t.name}: ${t.description ?? ""}`);
 */
export interface McpTool {
  name: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
}

/**
 * An MCP server connected in this session. Its headers are never part of it: they are secrets.
 * @example
 * cl.onMcpConnect(async (connection: cl.McpConnection) => { await new cl.Message(`Connected ${connection.name}`).send(); });
 */
export interface McpConnection {
  name: string;
  url: string;
  transport: McpTransport;
}

/**
 * What Edgelit needs of a connected client; the object is the MCP SDK's `Client`.
 * @example
 * cl.onMcpConnect(async (_connection, client: cl.McpClient) => {
 *   const result = await client.callTool({ name: "search", arguments: { q: "edge" } });
 * });
 */
export interface McpClient {
  listTools(): Promise<{ tools: McpTool[] }>;
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<unknown>;
  close(): Promise<void>;
}

/** @internal What `edgelit/mcp` installs: opens a client over the given (guarded) fetch. */
export type McpConnector = (
  connection: McpConnection,
  options: { headers: Record<string, string>; fetch: typeof fetch; signal: AbortSignal },
) => Promise<McpClient>;

/** @internal The connector, once `edgelit/mcp` is imported. */
export const mcpRuntime: { connector: McpConnector | null } = { connector: null };

/**
 * Runs when the user connected an MCP server from the composer (`[features.mcp] enabled`):
 * `client` is connected (an `@modelcontextprotocol/sdk` `Client`). Needs `import "edgelit/mcp"`
 * somewhere in the app, which brings the MCP SDK into the worker.
 * @example
 * cl.onMcpConnect(async (connection, client) => {
 *   const { tools } = await client.listTools();
 *   cl.userSession.set(`mcp:${connection.name}`, tools.map((t) => t.name));
 * });
 */
export function onMcpConnect(
  fn: (connection: McpConnection, client: McpClient) => MaybePromise<unknown>,
): void {
  register("mcpConnect", "onMcpConnect", fn);
}

/**
 * Runs when the user removed an MCP server; its client is already closed.
 * @example
 * cl.onMcpDisconnect((name) => cl.userSession.set(`mcp:${name}`, null));
 */
export function onMcpDisconnect(fn: (name: string) => MaybePromise<unknown>): void {
  register("mcpDisconnect", "onMcpDisconnect", fn);
}
