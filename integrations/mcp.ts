/**
 * `edgelit/mcp`: MCP servers the user connects from the composer, through the MCP SDK's Client
 * (streamable HTTP or SSE). Importing this module installs the connector the session uses, so only
 * an app that imports it bundles the SDK. Connections live in the session's SQLite; a client is
 * opened again on first use after the session woke up, so `mcpClient(name)` works in any hook.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import { type McpClient, type McpConnector, mcpRuntime } from "../durable-objects/sdk/mcp.js";
import { Step } from "../durable-objects/sdk/step.js";
import { currentScope } from "../durable-objects/session/context.js";
import type { McpRecord } from "../durable-objects/session/mcp.js";

export type { McpClient, McpConnection, McpTool } from "../durable-objects/sdk/mcp.js";
export type { McpRecord } from "../durable-objects/session/mcp.js";

/** Clients this module made, by the handle the session keeps (the same object, fully typed). */
const made = new WeakMap<McpClient, Client>();

const connect: McpConnector = async (connection, { headers, fetch, signal }) => {
  const url = new URL(connection.url);
  const options = { requestInit: { headers }, fetch };
  const transport =
    connection.transport === "sse"
      ? new SSEClientTransport(url, options)
      : new StreamableHTTPClientTransport(url, options);
  // Ajv (the SDK's default validator) compiles schemas with `new Function`, which Workers forbid.
  const client = new Client(
    { name: "edgelit", version: "1" },
    { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  await client.connect(transport, { signal });
  made.set(client, client);
  return client;
};

mcpRuntime.connector = connect;

/**
 * The connected `Client` of the session's MCP server `name`, reconnected if the session slept
 * since. Rejects with a clear error when no server of that name is connected.
 * @example
 * const client = await mcpClient("github");
 * const { tools } = await client.listTools();
 */
export async function mcpClient(name: string): Promise<Client> {
  const handle = await currentScope().session.mcpClient(name);
  const client = made.get(handle);
  if (!client) throw new Error(`MCP server "${name}" was not connected by edgelit/mcp`);
  return client;
}

/**
 * The session's MCP servers: name, URL, transport and the tools each listed when connected
 * (with their JSON Schemas, ready to offer a model). Headers are never part of it.
 * @example
 * const tools = mcpConnections().flatMap((c) => c.tools.map((t) => ({ server: c.name, ...t })));
 */
export function mcpConnections(): McpRecord[] {
  return currentScope().session.mcpServers();
}

/** The text parts of a tool result, joined; other parts as JSON. */
function resultText(result: unknown): string {
  const content =
    typeof result === "object" && result !== null && "content" in result ? result.content : result;
  if (!Array.isArray(content)) return JSON.stringify(content ?? null);
  return content
    .map((part: unknown) =>
      typeof part === "object" && part !== null && "text" in part && typeof part.text === "string"
        ? part.text
        : JSON.stringify(part),
    )
    .join("\n");
}

/** What `callMcpTool` resolves to: the tool's text, and whether the server reported an error. */
export interface McpToolResult {
  text: string;
  isError: boolean;
  /** The whole `CallToolResult` as the server sent it. */
  result: unknown;
}

/**
 * Calls `tool` on the session's MCP server `server` as a `tool` step (input = the arguments,
 * output = the result's text). A result the server marks as an error is shown as an error step
 * and returned (a model can read it); a failed call (network, unknown tool) throws.
 * @example
 * const { text } = await callMcpTool("math", "add", { a: 1, b: 2 });
 */
export async function callMcpTool(
  server: string,
  tool: string,
  args: Record<string, unknown> = {},
): Promise<McpToolResult> {
  const step = new Step({ name: tool, type: "tool", showInput: "json", metadata: { mcp: server } });
  step.input = JSON.stringify(args, null, 2);
  await step.send();
  try {
    const client = await mcpClient(server);
    const result = await client.callTool({ name: tool, arguments: args }, undefined, {
      signal: currentScope().run?.controller.signal,
    });
    const isError = "isError" in result && result.isError === true;
    step.output = resultText(result);
    step.isError = isError;
    step.endedAt = Date.now();
    await step.update();
    return { text: step.output, isError, result };
  } catch (err) {
    step.output = err instanceof Error ? err.message : String(err);
    step.isError = true;
    step.endedAt = Date.now();
    await step.update().catch(() => undefined);
    throw err;
  }
}
