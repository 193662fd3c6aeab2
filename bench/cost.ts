/**
 * `npm run bench:cost`: what one turn and one session cost on the write path, from the
 * session's own counters (durable-objects/session/meter.ts, read through the benchmark
 * Worker's `/bench-meter/:id`). Each session answers a first message (which names the thread:
 * its first D1 write), then the measured one, streamed from the loopback OpenAI server one SSE
 * event per token. Prints the median per turn of D1 round-trips, statements and bound bytes, DO
 * rows written; and per session the DO database size, the event log and the snapshot a fresh
 * client gets. `--sessions N` (default 20), `--tokens N` per answer (default 500), `--rate R`
 * tokens per second as a model streams them (default 0: as fast as the socket drains). The
 * rate matters: the emitter sends a token that arrives alone at once, so a paced stream logs
 * about one event per token where a fast one is coalesced into a few. `--interval MS` sets the
 * bench app's `[project] stream_interval_ms`.
 */
import { parseArgs } from "node:util";
import WebSocket from "ws";
import type { MeterReading } from "../durable-objects/session/meter.js";
import { startFakeOpenAI } from "../tests/helpers/openai-server.js";
import { stopOnDeadline } from "./cleanup.js";
import { startBenchServer } from "./server.js";
import { percentile } from "./stream.js";

const { values } = parseArgs({
  options: {
    sessions: { type: "string", default: "20" },
    tokens: { type: "string", default: "500" },
    rate: { type: "string", default: "0" },
    interval: { type: "string", default: "0" },
  },
});
const RATE = Number(values.rate);
/** `[project] stream_interval_ms` of the bench app. */
const INTERVAL = Number(values.interval);
const SESSIONS = Number(values.sessions);
const TOKENS = Number(values.tokens);

async function session(url: string): Promise<{ before: MeterReading; after: MeterReading }> {
  const res = await fetch(`${url}/api/sessions`, { method: "POST" });
  const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
  const { sessionId } = (await res.json()) as { sessionId: string };
  const ws = new WebSocket(`${url.replace("http", "ws")}/ws/${sessionId}`, { headers: { cookie } });
  const meter = async () =>
    (await (await fetch(`${url}/bench-meter/${sessionId}`)).json()) as MeterReading;
  let onTaskEnd = () => {};
  ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as { type: string; running?: boolean };
    if (frame.type === "task" && frame.running === false) onTaskEnd();
  });
  await new Promise((r) => ws.once("open", r));
  ws.send(JSON.stringify({ type: "hello", lastSeq: 0 }));
  const ask = async (id: string, content: string) => {
    const ended = new Promise<void>((r) => (onTaskEnd = r));
    ws.send(JSON.stringify({ type: "message", id, content }));
    await ended;
  };
  /** Waits for the D1 write that follows a task's end. */
  const written = async (batches: number) => {
    for (let i = 0; i < 200; i++) {
      const m = await meter();
      if (m.d1Batches > batches) return m;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("no D1 write after the turn");
  };
  await ask("first", "tokens:5");
  const before = await written(0);
  await ask("measured", `tokens:${TOKENS}${RATE > 0 ? ` rate:${RATE}` : ""}`);
  const after = await written(before.d1Batches);
  ws.close();
  return { before, after };
}

async function main(): Promise<void> {
  const openai = await startFakeOpenAI();
  const server = await startBenchServer(
    openai.url,
    "quiet",
    INTERVAL > 0 ? [`stream_interval_ms = ${INTERVAL}`] : [],
  );
  const forget = stopOnDeadline(() => server.stop());
  const runs: { before: MeterReading; after: MeterReading }[] = [];
  try {
    for (let i = 0; i < SESSIONS; i++) runs.push(await session(server.url));
  } finally {
    await server.stop();
    forget();
    await openai.close();
  }
  const median = (f: (r: (typeof runs)[number]) => number) =>
    Math.round(percentile(runs.map(f), 50));
  const turn = (key: keyof MeterReading) => median((r) => r.after[key] - r.before[key]);
  const figures = {
    sessions: runs.length,
    "tokens per answer": TOKENS,
    "tokens per second": RATE > 0 ? RATE : "unpaced",
    stream_interval_ms: INTERVAL,
    "turn: D1 round-trips": turn("d1Batches"),
    "turn: D1 statements": turn("d1Statements"),
    "turn: D1 bound bytes": turn("d1BoundBytes"),
    "turn: DO statements": turn("doStatements"),
    "turn: DO rows written": turn("doRowsWritten"),
    "turn: events logged": turn("eventLogEvents"),
    "turn: R2 bytes": turn("r2Bytes"),
    "session (2 turns): DO database bytes": median((r) => r.after.doBytes),
    "session (2 turns): event log bytes": median((r) => r.after.eventLogBytes),
    "session (2 turns): snapshot bytes": median((r) => r.after.snapshotBytes),
  };
  console.table(figures);
  console.log(JSON.stringify({ bench: "cost", ...figures }));
}

await main();
