/**
 * Fuzz: thousands of generated client frames (schema-shaped with broken fields, and raw junk)
 * over several sessions whose app uses every hook. Every reply must be a valid server frame, no
 * frame may crash the session's handler (`hook_failed`), and every session must still answer and
 * replay to a fresh client afterwards.
 */
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import type { ServerFrame } from "../../protocol/frames.js";
import { Client, installHooks, newChat } from "../workers/harness.js";
import { generateFrame, type KnownIds } from "./generate.js";
import { random, scaled } from "./scale.js";

const FRAMES = scaled(10_000, 40_000);
const SESSIONS = 4;
const BARRIER_EVERY = 250;

function learn(known: KnownIds, frame: ServerFrame): void {
  if (frame.type === "step") {
    known.steps.push(frame.step.id);
    for (const a of frame.step.actions ?? []) known.actions.push(a.id);
  }
  if (frame.type === "element") known.elements.push(frame.element.id);
  if (frame.type === "ask" && frame.ask) known.asks.push(frame.ask.id);
}

function fuzzApp(): void {
  installHooks({
    chatStart: async () => {
      await new cl.ChatSettings([
        new cl.Select({ id: "model", label: "Model", values: ["a", "b"], initialIndex: 0 }),
        new cl.Slider({ id: "temperature", label: "T", initial: 0.5, min: 0, max: 1, step: 0.1 }),
      ]).send();
      await new cl.Message({
        content: "pick one",
        actions: [new cl.Action({ name: "act", payload: { n: 1 } })],
        elements: [new cl.CustomElement({ name: "Counter", props: { n: 0 }, display: "inline" })],
      }).send();
    },
    message: async (m) => {
      cl.userSession.set("last", m.content.slice(0, 100));
      await new cl.Message(`echo ${m.content.length}`).send();
    },
    settingsUpdate: (settings) => void cl.userSession.set("settings", settings),
    feedback: () => undefined,
    actions: new Map([
      [
        "act",
        async (action: cl.Action) => {
          cl.userSession.set("payload", action.payload);
          await new cl.Message("acted").send();
        },
      ],
    ]),
  });
}

describe("fuzz: generated client frames", () => {
  it(`answers ${FRAMES} generated frames with clear errors and loses no session`, async () => {
    fuzzApp();
    const rnd = random(0xed9e117);
    const sessions = await Promise.all(
      Array.from({ length: SESSIONS }, async () => {
        const { visitor, id, client } = await newChat();
        await client.next((f) => f.type === "task" && !f.running, 10_000, true);
        const known: KnownIds = { actions: [], steps: [], elements: [], asks: [] };
        for (const f of client.frames) learn(known, f);
        client.ws.addEventListener("message", (e) => {
          try {
            learn(known, JSON.parse(String(e.data)) as ServerFrame);
          } catch {
            // Client (the harness) fails the test on invalid frames itself.
          }
        });
        return { id, visitor, client, known };
      }),
    );

    let sent = 0;
    while (sent < FRAMES) {
      for (let i = 0; i < BARRIER_EVERY && sent < FRAMES; i++, sent++) {
        const s = rnd.pick(sessions);
        const frame = generateFrame(rnd, s.known);
        s.client.ws.send(frame);
      }
      // Every session must still be answering before the next batch.
      await Promise.all(
        sessions.map((s) => {
          const pong = s.client.next((f) => f.type === "pong", 30_000);
          s.client.send({ type: "ping" });
          return pong;
        }),
      );
    }

    const codes = new Map<string, number>();
    for (const s of sessions) {
      for (const f of s.client.frames) {
        if (f.type === "error") codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
      }
    }
    console.log(`fuzz: ${sent} frames; error replies by code:`, Object.fromEntries(codes));
    expect(codes.get("hook_failed") ?? 0, "frames that crashed the handler").toBe(0);
    expect([...codes.keys()].every((c) => /^[a-z_]+$/.test(c))).toBe(true);

    const readyMs: number[] = [];
    // Every session replays whole to a fresh client, at the seq the old client reached.
    for (const s of sessions) {
      // The session may still be running the hooks the flood started: it must come back.
      const t0 = Date.now();
      const fresh = await Client.open(s.id, s.visitor, {}, {}, 60_000);
      readyMs.push(Date.now() - t0);
      const snap = await fresh.next((f) => f.type === "snapshot", 10_000, true);
      const ready = fresh.frames.find((f) => f.type === "ready");
      expect(snap.type === "snapshot" && ready?.type === "ready" && snap.seq === ready.seq).toBe(
        true,
      );
      expect(ready?.type === "ready" && ready.seq).toBeGreaterThanOrEqual(s.client.lastSeq);
      fresh.close();
      s.client.close();
    }
    console.log(`fuzz: a fresh client was ready after ${readyMs.join(", ")} ms`);
  });
});
