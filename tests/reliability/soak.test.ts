/**
 * Soak: many sessions, many turns each, run side by side. Every user message and every answer
 * must be in D1 with the right text, the row counts must match what the clients saw, and a
 * session's storage must grow with its conversation, not faster.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { waitFor } from "../helpers/wait.js";
import { d1Steps, sessionStub } from "../workers/d1.js";
import { installHooks, newChat } from "../workers/harness.js";
import { scaled } from "./scale.js";

const SESSIONS = scaled(8, 100);
const TURNS = scaled(5, 20);
const WAVE = 8;

function storageBytes(id: string): Promise<number> {
  return runInDurableObject(sessionStub(id), (_i, state) => state.storage.sql.databaseSize);
}

describe("soak", () => {
  it(`keeps every message of ${SESSIONS} sessions × ${TURNS} turns in D1`, async () => {
    installHooks({
      message: async (m) => {
        const msg = new cl.Message({ content: "" });
        for (const word of `answer to ${m.content}`.split(" ")) await msg.streamToken(`${word} `);
        await msg.send();
      },
    });
    const ids: string[] = [];
    const sizes: number[][] = [];
    for (let wave = 0; wave < SESSIONS; wave += WAVE) {
      const batch = Array.from({ length: Math.min(WAVE, SESSIONS - wave) }, async (_, k) => {
        const { id, client } = await newChat();
        const mine: number[] = [];
        for (let turn = 0; turn < TURNS; turn++) {
          client.send({ type: "message", id: `m${turn}`, content: `q${wave + k}.${turn}` });
          await client.next(
            (f) => f.type === "step" && f.step.output === `answer to q${wave + k}.${turn} `,
            15_000,
          );
          await client.idle(15_000).catch(() => undefined);
          if (turn === 0 || turn === TURNS - 1) mine.push(await storageBytes(id));
        }
        client.close();
        ids.push(id);
        sizes.push(mine);
      });
      await Promise.all(batch);
    }

    let rows = 0;
    for (const id of ids) {
      const steps = await waitFor(
        async () => {
          const found = await d1Steps(id);
          return found.length === TURNS * 2 ? found : null;
        },
        20_000,
        `all ${TURNS * 2} steps of ${id} in D1`,
      );
      rows += steps.length;
      const answers = steps.filter((s) => s.type === "assistant_message");
      expect(answers.every((s) => s.output.startsWith("answer to q") && !s.streaming)).toBe(true);
    }
    expect(rows).toBe(SESSIONS * TURNS * 2);

    // Storage per turn after the first stays about what the first turn cost.
    const perTurn = sizes.map(([first = 0, last = 0]) => (last - first) / Math.max(1, TURNS - 1));
    const firstTurn = sizes.map(([first = 0]) => first);
    console.log(
      `soak: ${rows} D1 rows; DO storage after turn 1 ${Math.max(...firstTurn)} B, then ${Math.round(Math.max(...perTurn))} B per turn at most`,
    );
    expect(Math.max(...perTurn)).toBeLessThan(64 * 1024);
  });
});
