import { describe, expect, it } from "vitest";
import { parseClientFrame, parseServerFrame } from "../../protocol/frames.js";

describe("parseClientFrame", () => {
  it("keeps the error short when a huge bad value is quoted in it", () => {
    const parsed = parseClientFrame(JSON.stringify({ type: "x".repeat(100_000) }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.length).toBeLessThanOrEqual(201);
      expect(parsed.error).toMatch(/^type: Invalid type/);
    }
  });

  // Each feature's frames live in their own protocol module; frames.ts must still place every
  // one of them in the union it validates with, and keep each module's limits.
  it.each([
    { type: "settings", values: { model: "a" } },
    { type: "audio_start", mimeType: "audio/webm" },
    { type: "audio_chunk", index: 0, data: "AAEC" },
    { type: "audio_end", chunks: 1 },
    { type: "element_props", id: "e1", props: { count: 1 } },
    { type: "element_action", elementId: "e1", name: "go" },
    { type: "call_fn_result", id: "c1", result: 3 },
    { type: "window_message", data: { hi: 1 } },
    { type: "mcp_connect", name: "docs", url: "https://mcp.example", transport: "sse" },
    { type: "mcp_disconnect", name: "docs" },
  ])("accepts a feature's frame: $type", (frame) => {
    expect(parseClientFrame(JSON.stringify(frame))).toEqual({ ok: true, value: frame });
  });

  it.each([
    [{ type: "audio_chunk", index: 0, data: "A".repeat(90_000) }, /^data: must be at most 65536/],
    [{ type: "mcp_connect", name: "a/b", url: "x", transport: "sse" }, /^name: may hold only/],
    [{ type: "audio_start", mimeType: "text/html" }, /^mimeType: must be an audio MIME type/],
  ])("refuses a feature's frame past its module's limits (%#)", (frame, error) => {
    const parsed = parseClientFrame(JSON.stringify(frame));
    expect(parsed.ok ? "" : parsed.error).toMatch(error);
  });
});

describe("parseServerFrame", () => {
  it.each([
    { type: "settings", seq: 1, widgets: [{ type: "switch", id: "s", label: "S" }], values: {} },
    { type: "mcp", seq: 2, servers: [{ name: "d", url: "u", transport: "sse", tools: [] }] },
    { type: "toast", message: "Saved", level: "success" },
    { type: "call_fn", id: "c1", name: "getSelection", args: {} },
    { type: "window_message", data: [1, 2] },
  ])("accepts a feature's frame: $type", (frame) => {
    expect(parseServerFrame(JSON.stringify(frame))).toEqual({ ok: true, value: frame });
  });
});
