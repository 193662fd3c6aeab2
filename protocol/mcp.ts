/**
 * The MCP frames (`[features.mcp]`): the user connects or removes a server from the composer,
 * and the session answers with the whole list. A server's headers are write-only: they cross
 * once in `mcp_connect` and never come back in any frame. protocol/frames.ts places these
 * schemas in its unions.
 */
import * as v from "valibot";
import { seq } from "./fields.js";

/** Caps on what a client may send to connect an MCP server. */
export const MCP_LIMITS = {
  nameChars: 64,
  urlChars: 2048,
  headers: 16,
  headerNameChars: 128,
  headerValueChars: 4096,
} as const;

export const MCP_TRANSPORTS = ["streamable-http", "sse"] as const;
export type McpTransport = (typeof MCP_TRANSPORTS)[number];

/** An MCP server name: a short label (letters, digits, space, `_`, `.`, `-`). */
const mcpName = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MCP_LIMITS.nameChars),
  v.regex(/^[\w .-]+$/, "may hold only letters, digits, spaces, _ . and -"),
);

/**
 * A connected MCP server as the client sees it: never its headers (secrets, write-only once
 * set). `tools` are the names and descriptions the server listed when it was connected.
 */
export const McpServerSchema = v.object({
  name: v.string(),
  url: v.string(),
  transport: v.picklist(MCP_TRANSPORTS),
  tools: v.array(v.object({ name: v.string(), description: v.optional(v.string()) })),
});
export type McpServerData = v.InferOutput<typeof McpServerSchema>;

/** Event: the session's MCP servers changed (one connected or removed): the whole list. */
export const McpEventSchema = v.object({
  type: v.literal("mcp"),
  seq,
  servers: v.array(McpServerSchema),
});

/** The user connects an MCP server (`[features.mcp] enabled`); headers are kept, never echoed. */
export const McpConnectFrameSchema = v.object({
  type: v.literal("mcp_connect"),
  name: mcpName,
  url: v.pipe(v.string(), v.minLength(1), v.maxLength(MCP_LIMITS.urlChars)),
  transport: v.picklist(MCP_TRANSPORTS),
  headers: v.optional(
    v.pipe(
      v.record(
        v.pipe(
          v.string(),
          v.maxLength(MCP_LIMITS.headerNameChars),
          v.regex(/^[!#$%&'*+.^`|~\w-]+$/, "is not a valid header name"),
        ),
        v.pipe(
          v.string(),
          v.maxLength(MCP_LIMITS.headerValueChars),
          v.regex(/^[^\r\n\0]*$/, "may not contain line breaks"),
        ),
      ),
      v.check((h) => Object.keys(h).length <= MCP_LIMITS.headers, "has too many headers"),
    ),
  ),
});

/** The user removes one of the session's MCP servers. */
export const McpDisconnectFrameSchema = v.object({
  type: v.literal("mcp_disconnect"),
  name: mcpName,
});
