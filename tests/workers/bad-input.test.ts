import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { MAX_CLIENT_FRAME_BYTES } from "../../protocol/frames.js";
import { installHooks, newChat, newSession, newVisitor } from "./harness.js";

describe("bad input", () => {
  it("answers malformed, unknown and oversized frames with an error and keeps working", async () => {
    installHooks({ message: async (m) => void (await new cl.Message(`ok ${m.content}`).send()) });
    const { client } = await newChat();
    const cases: [string, string][] = [
      ["not json", "bad_frame"],
      [JSON.stringify({ type: "nope" }), "bad_frame"],
      [JSON.stringify({ type: "message", id: "", content: 1 }), "bad_frame"],
      [JSON.stringify({ type: "hello", lastSeq: -1 }), "bad_frame"],
      [JSON.stringify({ type: "action", id: "forged" }), "not_found"],
      [JSON.stringify({ type: "ask_reply", askId: "gone", text: "late" }), "ask_closed"],
      [JSON.stringify({ type: "settings", values: { x: 1 } }), "not_found"],
      [JSON.stringify({ type: "feedback", stepId: "nope", value: 1 }), "not_found"],
      ["x".repeat(MAX_CLIENT_FRAME_BYTES + 1), "too_large"],
    ];
    for (const [raw, code] of cases) {
      client.send(raw);
      const error = await client.next((f) => f.type === "error");
      expect(error.type === "error" && error.code, raw.slice(0, 40)).toBe(code);
    }
    client.ws.send(new Uint8Array([1, 2, 3]));
    const binary = await client.next((f) => f.type === "error");
    expect(binary.type === "error" && binary.code).toBe("bad_frame");
    client.send({ type: "message", id: "1", content: "still here" });
    const ok = await client.next((f) => f.type === "step" && f.step.output === "ok still here");
    expect(ok.type).toBe("step");
  });

  it("refuses a message over the configured size", async () => {
    installHooks({});
    const { client } = await newChat();
    client.send({ type: "message", id: "1", content: "y".repeat(100_001) });
    const error = await client.next((f) => f.type === "error");
    expect(error.type === "error" && error.code).toBe("too_large");
  });

  it("requires hello before anything else", async () => {
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    const { SELF } = await import("cloudflare:test");
    const res = await SELF.fetch(`http://edgelit.test/ws/${id}`, {
      headers: { Upgrade: "websocket", cookie: visitor.cookie },
    });
    const ws = res.webSocket!;
    ws.accept();
    const got = new Promise<string>((r) =>
      ws.addEventListener("message", (e: MessageEvent) => r(String(e.data))),
    );
    ws.send(JSON.stringify({ type: "stop" }));
    expect(JSON.parse(await got)).toMatchObject({
      type: "error",
      code: "bad_frame",
      message: "send hello first",
    });
  });
});
