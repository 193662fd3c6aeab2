/**
 * Amplification: what one byte a client sends may cost the session in storage and in bytes
 * broadcast to its other sockets. For each frame type a client floods a session whose app has a
 * long answer, an action, a custom element and chat settings; an observer socket on the same
 * session counts the broadcast. Both must stay within a small multiple of the input.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import type { ClientFrame, ServerFrame } from "../../protocol/frames.js";
import { sessionStub } from "../workers/d1.js";
import { Client, installHooks, newChat } from "../workers/harness.js";
import { scaled } from "./scale.js";

const FLOOD = scaled(200, 2_000);
/** Storage and broadcast may each be at most this many times the bytes the client sent. */
const MAX_RATIO = 10;
/** Slack for fixed costs (a page or two of SQLite, the first rows of a table). */
const SLACK_BYTES = 64 * 1024;

type Maker = (i: number, seen: ServerFrame[]) => ClientFrame | string;

function stepOf(seen: ServerFrame[], pred: (f: ServerFrame) => boolean) {
  const f = seen.find(pred);
  return f?.type === "step" ? f.step : undefined;
}

const KINDS: Record<string, Maker> = {
  feedback: (i, seen) => ({
    type: "feedback",
    stepId: stepOf(seen, (f) => f.type === "step" && f.step.output.startsWith("long"))?.id ?? "",
    value: (i % 2) as 0 | 1,
    comment: `c${i}`,
  }),
  action: (_i, seen) => ({
    type: "action",
    id:
      stepOf(seen, (f) => f.type === "step" && Boolean(f.step.actions?.length))?.actions?.[0]?.id ??
      "",
  }),
  settings: (i) => ({ type: "settings", values: { model: i % 2 ? "a" : "b", temperature: 0.5 } }),
  element_props: (i, seen) => {
    const el = seen.find((f) => f.type === "element" && f.element.type === "custom");
    return {
      type: "element_props",
      id: el?.type === "element" ? el.element.id : "",
      props: { n: i, pad: "p".repeat(200) },
    };
  },
  message: (i) => ({ type: "message", id: `m${i}`, content: `hi ${i}` }),
  ask_reply: () => ({ type: "ask_reply", askId: "none", text: "x".repeat(500) }),
  stop: () => ({ type: "stop" }),
  junk: (i) => `{"type":"feedback","stepId":${i}`,
};

async function storageBytes(id: string): Promise<number> {
  return runInDurableObject(sessionStub(id), (_i, state) => state.storage.sql.databaseSize);
}

describe("amplification", () => {
  for (const [kind, make] of Object.entries(KINDS)) {
    it(`bounds storage and broadcast per input byte for ${FLOOD} ${kind} frames`, async () => {
      installHooks({
        chatStart: async () => {
          await new cl.ChatSettings([
            new cl.Select({ id: "model", label: "Model", values: ["a", "b"], initialIndex: 0 }),
            new cl.Slider({
              id: "temperature",
              label: "T",
              initial: 0.5,
              min: 0,
              max: 1,
              step: 0.1,
            }),
          ]).send();
          await new cl.Message({
            content: `long ${"answer ".repeat(8_000)}`,
            actions: [new cl.Action({ name: "act", payload: {} })],
            elements: [
              new cl.CustomElement({ name: "Counter", props: { n: 0 }, display: "inline" }),
            ],
          }).send();
        },
        message: async () => void (await new cl.Message("ok").send()),
        settingsUpdate: () => undefined,
        feedback: () => undefined,
        actions: new Map([["act", async () => void (await new cl.Message("acted").send())]]),
      });
      const { visitor, id, client: attacker } = await newChat();
      await attacker.next((f) => f.type === "task" && !f.running, 10_000, true);
      const observer = await Client.open(id, visitor, { lastSeq: attacker.lastSeq });
      let broadcast = 0;
      observer.ws.addEventListener("message", (e) => {
        broadcast += new TextEncoder().encode(String(e.data)).byteLength;
      });
      const before = await storageBytes(id);
      let input = 0;
      for (let i = 0; i < FLOOD; i++) {
        const frame = make(i, attacker.frames);
        const text = typeof frame === "string" ? frame : JSON.stringify(frame);
        input += new TextEncoder().encode(text).byteLength;
        attacker.send(text);
      }
      const pong = attacker.next((f) => f.type === "pong", 60_000);
      attacker.send({ type: "ping" });
      await pong;
      await attacker.next((f) => f.type === "task" && !f.running, 2_000).catch(() => undefined);
      const grown = (await storageBytes(id)) - before;
      console.log(
        `amplification ${kind}: input ${input} B -> storage +${grown} B (${(grown / input).toFixed(2)}x), broadcast ${broadcast} B (${(broadcast / input).toFixed(2)}x)`,
      );
      expect(grown, "storage growth").toBeLessThanOrEqual(MAX_RATIO * input + SLACK_BYTES);
      expect(broadcast, "broadcast bytes").toBeLessThanOrEqual(MAX_RATIO * input + SLACK_BYTES);
      attacker.close();
      observer.close();
    });
  }
});
