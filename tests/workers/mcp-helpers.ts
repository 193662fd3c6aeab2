/** Helpers of the MCP runtime tests: set `[features.mcp]` per test, connect and await the outcome. */
import "../../integrations/mcp.js";
import { appConfig } from "../../protocol/app.js";
import type { AppConfig } from "../../protocol/config.js";
import type { ClientFrame, ServerFrame } from "../../protocol/frames.js";
import type { Client } from "./harness.js";

type McpConfig = AppConfig["features"]["mcp"];
const original: McpConfig = { ...appConfig.features.mcp };

/** Turns MCP on with short timeouts, plus `overrides`. */
export function configureMcp(overrides: Partial<McpConfig> = {}): void {
  appConfig.features.mcp = { ...original, enabled: true, timeout_seconds: 3, ...overrides };
}

export function restoreMcp(): void {
  appConfig.features.mcp = { ...original };
}

type Connect = Omit<Extract<ClientFrame, { type: "mcp_connect" }>, "type">;

/**
 * Sends `mcp_connect`; resolves to the `mcp` list that holds the server, or the error refusing it.
 */
export function connect(client: Client, frame: Connect, ms = 10_000): Promise<ServerFrame> {
  const outcome = client.next(
    (f) =>
      (f.type === "mcp" && f.servers.some((s) => s.name === frame.name)) ||
      (f.type === "error" && f.frame === "mcp_connect"),
    ms,
  );
  client.send({ type: "mcp_connect", ...frame });
  return outcome;
}
