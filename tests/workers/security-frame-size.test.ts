/**
 * Issue 11, item 11: the client frame limit is in bytes of UTF-8, as documented, not in UTF-16
 * units: a frame of two-byte characters over the limit in bytes is refused even though its
 * JavaScript length is under it.
 */
import { describe, expect, it } from "vitest";
import { MAX_CLIENT_FRAME_BYTES } from "../../protocol/frames.js";
import { installHooks, newChat } from "./harness.js";

const utf8 = (text: string) => new TextEncoder().encode(text).byteLength;

/** A settings frame (refused as not_found when it gets that far: the chat has no settings). */
function settingsFrame(chars: number, char: string): string {
  return JSON.stringify({ type: "settings", values: { x: char.repeat(chars) } });
}

describe("client frame size", () => {
  it("counts UTF-8 bytes, not UTF-16 units", async () => {
    installHooks({});
    const { client } = await newChat();
    const over = settingsFrame(MAX_CLIENT_FRAME_BYTES / 2 + 16, "é");
    expect(over.length).toBeLessThan(MAX_CLIENT_FRAME_BYTES);
    expect(utf8(over)).toBeGreaterThan(MAX_CLIENT_FRAME_BYTES);
    client.send(over);
    const refused = await client.next((f) => f.type === "error");
    expect(refused).toMatchObject({ type: "error", code: "too_large" });

    // Just under the limit in bytes, the frame is read (and refused for what it says).
    const under = settingsFrame(MAX_CLIENT_FRAME_BYTES / 2 - 64, "é");
    expect(utf8(under)).toBeLessThanOrEqual(MAX_CLIENT_FRAME_BYTES);
    client.send(under);
    const read = await client.next((f) => f.type === "error");
    expect(read).toMatchObject({ type: "error", code: "not_found" });
    // Four-byte characters (surrogate pairs) count as four.
    const emoji = settingsFrame(MAX_CLIENT_FRAME_BYTES / 4 + 16, "😀");
    expect(emoji.length).toBeLessThan(MAX_CLIENT_FRAME_BYTES);
    client.send(emoji);
    const big = await client.next((f) => f.type === "error");
    expect(big).toMatchObject({ type: "error", code: "too_large" });
    client.close();
  });
});
