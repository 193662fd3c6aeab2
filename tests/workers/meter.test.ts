/**
 * The write-path counters (session/meter.ts) read through the `meter()` RPC, and what they say
 * about a turn: a streamed answer costs a bounded number of D1 round-trips and DO rows however
 * many tokens it has, element files are counted in R2, and the event log and snapshot sizes
 * follow the conversation.
 */
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import type { MeterReading } from "../../durable-objects/session/meter.js";
import { appConfig } from "../../protocol/app.js";
import { waitFor } from "../helpers/wait.js";
import { sessionStub } from "./d1.js";
import { installHooks, newChat, transcript } from "./harness.js";

function app(): void {
  installHooks({
    message: async (m) => {
      if (m.content === "file") {
        await new cl.Message({
          content: "here",
          elements: [new cl.File({ name: "a.txt", content: "x".repeat(1000), mime: "text/plain" })],
        }).send();
        return;
      }
      if (m.content.startsWith("paced:")) {
        // Tokens as a model at ~60 tokens/s sends them: each arrives alone and leaves alone.
        const msg = new cl.Message({ content: "" });
        for (let i = 0; i < Number(m.content.slice(6)); i++) {
          await new Promise((r) => setTimeout(r, 15));
          await msg.streamToken(`t${i} `);
        }
        await msg.send();
        return;
      }
      const tokens = Number(m.content);
      const msg = new cl.Message({ content: "" });
      for (let i = 0; i < tokens; i++) await msg.streamToken(`t${i} `);
      await msg.send();
    },
  });
}

const reading = (id: string): Promise<MeterReading> => sessionStub(id).meter();

/** One turn of `content` on a fresh session, its D1 write done; the reading before and after. */
async function turn(content: string): Promise<{ before: MeterReading; after: MeterReading }> {
  const { before, after } = await turnWithText(content);
  return { before, after };
}

/** As `turn`, with the text of the last assistant message the client assembled. */
async function turnWithText(
  content: string,
): Promise<{ before: MeterReading; after: MeterReading; text: string }> {
  const { id, client } = await newChat();
  // A first turn names the thread (its first D1 write); the measured turn is the second.
  client.send({ type: "message", id: "warm", content: "1" });
  await client.idle();
  await waitFor(async () => (await reading(id)).d1Batches > 0);
  const before = await reading(id);
  client.send({ type: "message", id: "measured", content });
  await client.idle(10_000);
  await waitFor(async () => (await reading(id)).d1Batches > before.d1Batches);
  const after = await reading(id);
  client.close();
  const answers = [...transcript(client.frames).values()].filter(
    (step) => step.type === "assistant_message",
  );
  return { before, after, text: answers.at(-1)?.output ?? "" };
}

const diff = (a: MeterReading, b: MeterReading, key: keyof MeterReading) => b[key] - a[key];

describe("write-path meter", () => {
  it("counts a streamed turn's writes, bounded whatever the number of tokens", async () => {
    app();
    const small = await turn("20");
    const large = await turn("2000");
    for (const { before, after } of [small, large]) {
      // One D1 round-trip at the end of the task: the user message and the answer.
      expect(diff(before, after, "d1Batches")).toBe(1);
      expect(diff(before, after, "d1Statements")).toBeGreaterThanOrEqual(2);
      expect(diff(before, after, "d1Statements")).toBeLessThanOrEqual(6);
      expect(diff(before, after, "doRowsWritten")).toBeGreaterThan(0);
      expect(after.eventLogEvents).toBeGreaterThan(before.eventLogEvents);
      expect(after.doBytes).toBeGreaterThan(0);
      expect(after.r2Puts).toBe(0);
    }
    // 100× the tokens: the answer's bytes reach D1 once, not once per token.
    expect(diff(large.before, large.after, "d1Statements")).toBe(
      diff(small.before, small.after, "d1Statements"),
    );
    expect(diff(large.before, large.after, "d1BoundBytes")).toBeGreaterThan(2000 * 3);
    expect(diff(large.before, large.after, "d1BoundBytes")).toBeLessThan(2000 * 7 * 2 + 5000);
    // Tokens are coalesced into few events and DO rows (each token written alone would be
    // 2,000 events and more than 4,000 rows).
    expect(diff(large.before, large.after, "eventLogEvents")).toBeLessThan(400);
    expect(diff(large.before, large.after, "doRowsWritten")).toBeLessThan(2000);
    expect(large.after.snapshotBytes).toBeGreaterThan(2000 * 3);
  });

  it("writes one DO row per token that leaves alone, not two", async () => {
    app();
    const { before, after } = await turn("paced:100");
    const events = diff(before, after, "eventLogEvents");
    // Paced tokens are not coalesced: about one event each.
    expect(events).toBeGreaterThanOrEqual(90);
    // Each event is one row; the rest of the turn (user message, steps, task, outbox) is a
    // small fixed cost. An index on the event log would double the per-token rows.
    const rows = diff(before, after, "doRowsWritten");
    expect(rows).toBeLessThan(events + 40);
  });

  it("gathers paced tokens into fewer frames under [project] stream_interval_ms", async () => {
    app();
    appConfig.project.stream_interval_ms = 100;
    try {
      const { before, after, text } = await turnWithText("paced:100");
      // ~1.5 s of tokens, at most a frame per 100 ms (and the end): not one per token.
      const events = diff(before, after, "eventLogEvents");
      expect(events).toBeLessThan(30);
      expect(diff(before, after, "doRowsWritten")).toBeLessThan(80);
      // Nothing lost or reordered.
      expect(text).toBe(Array.from({ length: 100 }, (_, i) => `t${i} `).join(""));
    } finally {
      appConfig.project.stream_interval_ms = 0;
    }
  });

  it("counts element files put into R2", async () => {
    app();
    const { before, after } = await turn("file");
    expect(diff(before, after, "r2Puts")).toBe(1);
    expect(diff(before, after, "r2Bytes")).toBe(1000);
  });
});
