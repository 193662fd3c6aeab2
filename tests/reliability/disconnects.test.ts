/**
 * Forced disconnects at random points of streams while feedback, actions and asks are in
 * flight: the client drops its socket, or every Durable Object restarts (as a deploy does). The
 * client reconnects with the last seq it applied, as the web client does. Across all rounds the
 * events it applies must have no gap, no duplicate and no reordering, and what it ends with must
 * equal what a fresh client reads from the session.
 */
import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { isServerEvent, type ServerFrame } from "../../protocol/frames.js";
import { Client, installHooks, newSession, newVisitor, transcript } from "../workers/harness.js";
import { type Random, random, scaled } from "./scale.js";

const ROUNDS = scaled(40, 1_000);
const TOKENS = 40;
const FULL_TEXT = Array.from({ length: TOKENS }, (_, i) => `t${i} `).join("");

function app(): void {
  installHooks({
    message: async (m) => {
      if (m.content !== "go") return;
      const msg = new cl.Message({
        content: "",
        actions: [new cl.Action({ name: "poke", payload: { at: 1 } })],
      });
      for (let i = 0; i < TOKENS; i++) {
        await msg.streamToken(`t${i} `);
        if (i % 5 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      await msg.send();
      const answer = await new cl.AskUserMessage({ content: "Name?", timeout: 20 }).send();
      await new cl.Message(`bye ${answer?.output ?? "nobody"}`).send();
    },
    feedback: () => undefined,
    actions: new Map([["poke", async () => void (await new cl.Message("poked").send())]]),
  });
}

interface Tally {
  gaps: number;
  duplicates: number;
  reordered: number;
  mismatched: number;
  drops: number;
  restarts: number;
}

/** One round: a turn of the app driven through random disruptions until it ends. */
async function round(rnd: Random, tally: Tally): Promise<void> {
  const visitor = await newVisitor();
  const id = await newSession(visitor);
  const applied: ServerFrame[] = [];
  let lastSeq = 0;
  let client = await Client.open(id, visitor);
  let cursor = 0;
  let restarted = false;
  let asked: string | null = null;
  let answered = false;
  client.send({ type: "message", id: "go-1", content: "go" });
  const deadline = Date.now() + 30_000;

  const apply = (f: ServerFrame) => {
    if (f.type === "snapshot") {
      applied.push(f);
      lastSeq = f.seq;
      return;
    }
    if (!isServerEvent(f)) return;
    if (f.seq <= lastSeq) tally.duplicates++;
    else if (f.seq !== lastSeq + 1) tally.gaps++;
    if (f.seq < lastSeq) tally.reordered++;
    if (f.seq <= lastSeq) return;
    applied.push(f);
    lastSeq = f.seq;
    if (f.type === "ask") asked = f.ask?.id ?? null;
  };

  // As the web client does: reconnect from the last applied seq, answer a still-open ask
  // again, and resend the message if the session never showed it.
  const reconnect = async () => {
    client = await Client.open(id, visitor, { lastSeq });
    cursor = 0;
    answered = false;
    const shown = applied.some(
      (f) =>
        (f.type === "step" && f.step.type === "user_message") ||
        (f.type === "snapshot" && f.snapshot.steps.some((s) => s.type === "user_message")),
    );
    if (!shown) client.send({ type: "message", id: "go-1", content: "go" });
  };

  const finished = () => {
    const steps = [...transcript(applied).values()];
    const done = steps.some((s) => s.output.startsWith("bye "));
    const cut = steps.some((s) => s.output.startsWith("The server restarted"));
    const last = applied.findLast((f) => f.type === "task" || f.type === "snapshot");
    const idle =
      last?.type === "task" ? !last.running : last?.type === "snapshot" && !last.snapshot.running;
    return (done || cut) && idle;
  };

  while (!finished()) {
    if (Date.now() > deadline)
      throw new Error(`round did not finish: ${JSON.stringify(applied.slice(-4))}`);
    if (asked && !answered && rnd.chance(0.5)) {
      client.send({ type: "ask_reply", askId: asked, text: "ada" });
      answered = true;
    }
    if (cursor >= client.frames.length) {
      await client.next(() => true, 1_000).catch(() => undefined);
      if (client.closed && cursor >= client.frames.length) await reconnect();
      continue;
    }
    const frame = client.frames[cursor++];
    if (frame) apply(frame);
    const answer = applied.findLast(
      (f) => f.type === "step" && f.step.type === "assistant_message",
    );
    if (answer?.type === "step" && rnd.chance(0.05)) {
      client.send({ type: "feedback", stepId: answer.step.id, value: rnd.int(2) as 0 | 1 });
    }
    const action = answer?.type === "step" ? answer.step.actions?.[0] : undefined;
    if (action && rnd.chance(0.03)) client.send({ type: "action", id: action.id });
    if (rnd.chance(0.04)) {
      // Disrupt: the frames the old socket has not yet handed over are lost with it.
      if (rnd.chance(0.75) || restarted) {
        tally.drops++;
        client.close();
      } else {
        tally.restarts++;
        restarted = true;
        await abortAllDurableObjects();
      }
      await reconnect();
    }
  }
  await client.next(() => false, 50).catch(() => undefined);
  for (const f of client.frames.slice(cursor)) apply(f);

  const fresh = await Client.open(id, visitor);
  const snap = await fresh.next((f) => f.type === "snapshot", 5_000, true);
  const truth = transcript([snap]);
  const mine = transcript(applied);
  const outputs = (m: ReturnType<typeof transcript>) =>
    [...m.entries()].map(([k, s]) => `${k}:${s.type}:${s.output}`).sort();
  const want = outputs(truth);
  const have = outputs(mine);
  if (JSON.stringify(want) !== JSON.stringify(have)) {
    tally.mismatched++;
    console.error("disconnects: mismatch", {
      missing: want.filter((x) => !have.includes(x)),
      extra: have.filter((x) => !want.includes(x)),
    });
  }
  const streamed = [...truth.values()].find((s) => s.output.startsWith("t0 "));
  if (streamed) {
    if (restarted) expect(FULL_TEXT.startsWith(streamed.output)).toBe(true);
    else expect(streamed.output).toBe(FULL_TEXT);
  }
  fresh.close();
  client.close();
}

describe("forced disconnects", () => {
  it(`loses, duplicates and reorders nothing over ${ROUNDS} disrupted streams`, async () => {
    app();
    const rnd = random(0xd15c0);
    const tally: Tally = {
      gaps: 0,
      duplicates: 0,
      reordered: 0,
      mismatched: 0,
      drops: 0,
      restarts: 0,
    };
    for (let i = 0; i < ROUNDS; i++) await round(rnd, tally);
    console.log(`disconnects: ${ROUNDS} rounds`, tally);
    expect({
      lost: tally.gaps + tally.mismatched,
      duplicated: tally.duplicates,
      reordered: tally.reordered,
    }).toEqual({ lost: 0, duplicated: 0, reordered: 0 });
    expect(tally.drops + tally.restarts).toBeGreaterThan(ROUNDS / 4);
  });
});
