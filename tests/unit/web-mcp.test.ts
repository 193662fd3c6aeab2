/** The web client's side of MCP servers and the token total: reducer and the headers field. */
import { describe, expect, it } from "vitest";
import type { ServerFrame } from "../../protocol/frames.js";
import { applyServerFrame, makeChatState } from "../../web/src/state/chat.js";
import { parseHeaderLines } from "../../web/src/state/mcp-headers.js";

const server = { name: "math", url: "https://x.test/mcp", transport: "sse" as const, tools: [] };

describe("chat reducer: mcp and usage", () => {
  it("takes the server list and the token total from events and snapshots", () => {
    let s = makeChatState();
    s = applyServerFrame(s, { type: "mcp", seq: 1, servers: [server] });
    s = applyServerFrame(s, { type: "usage", seq: 2, usage: { inputTokens: 5, outputTokens: 7 } });
    expect(s.mcp).toEqual([server]);
    expect(s.usage).toEqual({ inputTokens: 5, outputTokens: 7 });
    // A replayed (older) event changes nothing.
    expect(applyServerFrame(s, { type: "mcp", seq: 1, servers: [] })).toBe(s);
    const snapshot: ServerFrame = {
      type: "snapshot",
      seq: 9,
      snapshot: {
        steps: [],
        elements: [],
        running: false,
        ask: null,
        settings: null,
        threadName: null,
      },
    };
    // A snapshot from a server without these fields means none.
    const fresh = applyServerFrame(s, snapshot);
    expect(fresh.mcp).toEqual([]);
    expect(fresh.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
  });

  it("numbers MCP refusals so a dialog shows only new ones; other errors leave them", () => {
    let s = makeChatState();
    const refuse = (frame: string): ServerFrame => ({
      type: "error",
      code: "bad_frame",
      message: `no (${frame})`,
      frame,
    });
    s = applyServerFrame(s, refuse("mcp_connect"));
    expect(s.mcpError).toEqual({ message: "no (mcp_connect)", n: 1 });
    s = applyServerFrame(s, refuse("action"));
    expect(s.mcpError?.n).toBe(1);
    s = applyServerFrame(s, refuse("mcp_disconnect"));
    expect(s.mcpError).toEqual({ message: "no (mcp_disconnect)", n: 2 });
  });
});

describe("parseHeaderLines", () => {
  it("reads Name: value lines, keeps colons in values, skips blank lines", () => {
    expect(parseHeaderLines("Authorization: Bearer a:b\n\n X-Key :  v ")).toEqual({
      headers: { Authorization: "Bearer a:b", "X-Key": "v" },
    });
  });
  it("names a line that is not Name: value", () => {
    expect(parseHeaderLines("just a token")).toEqual({
      error: '"just a token" is not "Name: value"',
    });
  });
});
