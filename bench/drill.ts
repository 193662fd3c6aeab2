/**
 * `npm run drill`: a deploy drill. Runs the bench app (the default app's streaming path: the
 * `openai` client, one SSE event per token from the loopback server) under `edgelit run`, puts
 * a streaming load on it from Node clients that behave like the web client (reconnect with the
 * web client's backoff, `hello` with the last applied seq, resend a message the session never
 * showed), restarts the server in the middle of the load as a deploy does (every socket drops,
 * every Durable Object restarts), and reports what the users saw: answers completed, answers
 * interrupted with the notice, answers lost or duplicated (target 0 / 0), events missed or
 * applied twice, and reconnect times. Each client's final conversation is compared with what a
 * fresh client reads from the session.
 *
 * It also samples what each workerd's main thread does (bench/threads.ts) and prints the longest
 * time one was away from its event loop after the restart, with a per-second picture: a slow
 * reconnect tail with a busy event loop is the host out of CPU, not the reconnect logic (40
 * users at 30 tokens/s are over `wrangler dev`'s per-event ceiling on 2 cores; docs/scale.md).
 *
 * Options: --users N (default 40), --turns N per user (3), --tokens N per answer (300),
 * --rate R tokens/s (30), --restart-after S seconds after every user's first answer began to
 * stream (2).
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { isServerEvent, parseServerFrame, type ServerFrame } from "../protocol/frames.js";
import { transcript } from "../testing/transcript.js";
import { appDir, startApp } from "../tests/e2e/harness.js";
import { startFakeOpenAI } from "../tests/helpers/openai-server.js";
import { backoffMs } from "../web/src/net/connection.js";
import meta from "./meta.js";
import { percentile } from "./stream.js";
import { busyBySecond, describe, longestBusy, sampleThreads } from "./threads.js";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "40" },
    turns: { type: "string", default: "3" },
    tokens: { type: "string", default: "300" },
    rate: { type: "string", default: "30" },
    "restart-after": { type: "string", default: "2" },
  },
});
const USERS = Number(values.users);
const TURNS = Number(values.turns);
const TOKENS = Number(values.tokens);
const RATE = Number(values.rate);
const RESTART_AFTER_MS = Number(values["restart-after"]) * 1000;
const PROMPT = `tokens:${TOKENS} rate:${RATE}`;
const FULL = Array.from({ length: TOKENS }, (_, i) => `t${i}`).join(" ");
const NOTICE = "The server restarted and interrupted this answer.";

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  completed: number;
  interrupted: number;
  lost: number;
  duplicated: number;
  gaps: number;
  replayed: number;
  mismatched: number;
  reconnects: number[];
  /** Turns that never ended (no task end and no notice within two minutes). */
  stuck: number;
  /** Users whose first answer has begun to stream: the restart waits for all of them. */
  streaming: Set<number>;
  /** Users with an answer streaming now (a delta seen, the turn not ended). */
  midAnswer: Set<number>;
}

/** One user: a session, TURNS answers one after the other, through any number of drops. */
async function user(origin: string, index: number, outcome: Outcome): Promise<void> {
  const config = await fetch(`${origin}/api/config`);
  const cookie = config.headers.get("set-cookie")?.split(";")[0] ?? "";
  await config.arrayBuffer();
  const created = await fetch(`${origin}/api/sessions`, { method: "POST", headers: { cookie } });
  const { sessionId } = (await created.json()) as { sessionId: string };
  const applied: ServerFrame[] = [];
  let lastSeq = 0;
  let ws: WebSocket | null = null;
  let droppedAt: number | null = null;
  /** The socket the session has answered `hello` on (the web client sends nothing before). */
  let readyOn: WebSocket | null = null;
  let wake: () => void = () => {};
  const changed = () => new Promise<void>((r) => (wake = r));

  const apply = (frame: ServerFrame) => {
    if (frame.type === "snapshot") {
      applied.push(frame);
      lastSeq = frame.seq;
    } else if (isServerEvent(frame)) {
      if (frame.seq <= lastSeq) return void outcome.replayed++;
      if (frame.type === "delta") {
        outcome.streaming.add(index);
        outcome.midAnswer.add(index);
      }
      if (frame.seq !== lastSeq + 1) outcome.gaps++;
      applied.push(frame);
      lastSeq = frame.seq;
    }
    if (frame.type === "ready" || frame.type === "snapshot") {
      if (droppedAt !== null) {
        const took = now() - droppedAt;
        outcome.reconnects.push(took);
        // Where a slow reconnect spent its time: before the socket opened, or after it.
        if (took > 15_000) {
          const open = openedAt === null ? "?" : Math.round(openedAt - droppedAt);
          console.error(
            `  user ${index}: back after ${Math.round(took)} ms (socket open after ${open} ms, ${attempts} attempts)`,
          );
        }
      }
      droppedAt = null;
    }
    wake();
  };

  let openedAt: number | null = null;
  let attempts = 0;
  const connect = async (): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      attempts++;
      const socket = new WebSocket(`${origin.replace(/^http/, "ws")}/ws/${sessionId}`, {
        headers: { cookie, origin },
      });
      const ok = await new Promise<boolean>((resolve) => {
        socket.once("open", () => resolve(true));
        socket.once("error", () => resolve(false));
      });
      if (ok) {
        openedAt = now();
        ws = socket;
        socket.on("message", (data) => {
          const parsed = parseServerFrame(String(data));
          if (parsed.ok && parsed.value.type === "ready") readyOn = socket;
          if (parsed.ok) apply(parsed.value);
          if (parsed.ok && parsed.value.type === "error") {
            console.error(`  user ${index}: error frame ${JSON.stringify(parsed.value)}`);
          }
        });
        socket.once("close", () => {
          ws = null;
          if (droppedAt === null) attempts = 0;
          droppedAt ??= now();
          wake();
        });
        socket.send(JSON.stringify({ type: "hello", lastSeq }));
        return;
      }
      await sleep(backoffMs(Math.min(attempt, 6)));
    }
  };

  let tracked = 0;
  const idle = () => {
    const last = applied.findLast((f) => f.type === "task" || f.type === "snapshot");
    return last?.type === "task"
      ? !last.running
      : last?.type === "snapshot" && !last.snapshot.running;
  };

  /** The steps after the user message of turn `id` and before the next user message. */
  const answerOf = (id: string) => {
    const all = [...transcript(applied).entries()].sort(([, a], [, b]) => a.order - b.order);
    const at = all.findIndex(([sid]) => clientIds.get(sid) === id);
    if (at < 0) return null;
    const rest = all.slice(at + 1);
    const next = rest.findIndex(([, s]) => s.type === "user_message");
    return rest.slice(0, next < 0 ? undefined : next);
  };
  const clientIds = new Map<string, string>();
  const streaming = new Map<string, boolean>();
  const interrupted = new Set<string>();
  const track = (frame: ServerFrame) => {
    const all =
      frame.type === "snapshot" ? frame.snapshot.steps : frame.type === "step" ? [frame.step] : [];
    for (const s of all) {
      const clientId = s.metadata?.clientId;
      if (typeof clientId === "string") clientIds.set(s.id, clientId);
      streaming.set(s.id, s.streaming === true);
      if (s.metadata?.interrupted) interrupted.add(s.id);
    }
  };

  let stuckHere = false;
  await connect();
  for (let turn = 0; turn < TURNS; turn++) {
    const id = `drill-${index}-${turn}`;
    let sentOn: WebSocket | null = null;
    const deadline = now() + 120_000;
    for (;;) {
      if (now() > deadline) {
        // A turn that never ends is a defect to report, not a reason to stop the drill.
        outcome.stuck++;
        stuckHere = true;
        const kinds = applied.slice(-8).map((f) => ("seq" in f ? `${f.type}#${f.seq}` : f.type));
        console.error(`  user ${index} turn ${turn} did not end; last frames: ${kinds.join(" ")}`);
        break;
      }
      if (!ws) await connect();
      for (const f of applied.slice(tracked)) track(f);
      tracked = applied.length;
      const after = answerOf(id);
      // As the web client does: (re)send a message the session has not shown yet.
      if (ws && readyOn === ws && sentOn !== ws && after === null) {
        ws.send(JSON.stringify({ type: "message", id, content: PROMPT }));
        sentOn = ws;
      }
      const ended = after?.some(
        ([sid, s]) =>
          s.output === NOTICE || (s.type === "assistant_message" && !streaming.get(sid)),
      );
      if (ended && idle()) {
        outcome.midAnswer.delete(index);
        break;
      }
      await Promise.race([changed(), sleep(1000)]);
    }
  }
  (ws as WebSocket | null)?.close();
  for (const f of applied.slice(tracked)) track(f);

  // Each turn: a whole answer, or one cut by the restart (marked interrupted, or never begun)
  // with the notice; a cut answer without the notice is lost, a repeated token duplicated.
  for (let turn = 0; turn < TURNS; turn++) {
    const after = answerOf(`drill-${index}-${turn}`) ?? [];
    const noticed = after.some(([, s]) => s.output === NOTICE);
    const answer = after.find(([, s]) => s.type === "assistant_message" && s.output !== NOTICE);
    const text = answer?.[1].output.trim() ?? "";
    if (text === FULL) outcome.completed++;
    else if (!FULL.startsWith(text)) {
      outcome.duplicated++;
      let at = 0;
      while (at < text.length && text[at] === FULL[at]) at++;
      console.error(
        `  user ${index}: answer differs at ${at}: …${text.slice(Math.max(0, at - 30), at + 60)}`,
      );
    } else if (noticed && (!answer || interrupted.has(answer[0]))) outcome.interrupted++;
    else outcome.lost++;
  }
  const mine = transcript(applied);
  // What this client holds must be what the session holds.
  const fresh = new WebSocket(`${origin.replace(/^http/, "ws")}/ws/${sessionId}`, {
    headers: { cookie, origin },
  });
  const truth = await new Promise<ServerFrame>((resolve, reject) => {
    fresh.once("open", () => fresh.send(JSON.stringify({ type: "hello", lastSeq: 0 })));
    fresh.once("error", reject);
    fresh.on("message", (data) => {
      const parsed = parseServerFrame(String(data));
      if (parsed.ok && parsed.value.type === "snapshot") resolve(parsed.value);
    });
  });
  fresh.close();
  const outputs = (m: ReturnType<typeof transcript>) =>
    [...m.entries()].map(([k, s]) => `${k}:${s.type}:${s.output}`).sort();
  if (stuckHere && truth.type === "snapshot") {
    console.error(
      `  user ${index}: the session says running=${truth.snapshot.running} at seq ${truth.seq}; this client applied up to ${lastSeq}`,
    );
  }
  const want = outputs(transcript([truth]));
  const have = outputs(mine);
  if (JSON.stringify(want) !== JSON.stringify(have)) {
    outcome.mismatched++;
    const short = (x: string) => x.slice(0, 160);
    console.error(`  user ${index}: differs from the session`, {
      missing: want.filter((x) => !have.includes(x)).map(short),
      extra: have.filter((x) => !want.includes(x)).map(short),
    });
  }
}

async function main(): Promise<void> {
  const openai = await startFakeOpenAI();
  const app = await startApp(
    appDir("bench/app.ts", { OPENAI_BASE_URL: openai.url }, { "config.toml": meta.config }),
  );
  const outcome: Outcome = {
    completed: 0,
    interrupted: 0,
    lost: 0,
    duplicated: 0,
    gaps: 0,
    replayed: 0,
    mismatched: 0,
    reconnects: [],
    stuck: 0,
    streaming: new Set(),
    midAnswer: new Set(),
  };
  let downMs = 0;
  let backAt = 0;
  // What workerd's main threads do around the restart: a stalled event loop shows here.
  const threads = sampleThreads();
  try {
    const started = now();
    const load = Promise.all(
      Array.from({ length: USERS }, (_, i) =>
        sleep((i * 500) / USERS).then(() => user(app.url, i, outcome)),
      ),
    );
    const restart = async () => {
      // Restart once every user's first answer streams (or after a minute), then RESTART_AFTER.
      const deadline = now() + 60_000;
      while (outcome.streaming.size < USERS && now() < deadline) await sleep(100);
      await sleep(RESTART_AFTER_MS);
      const t = now();
      const cut = outcome.midAnswer.size;
      await app.restart();
      downMs = now() - t;
      backAt = Date.now();
      console.log(
        `  restarted ${Math.round((t - started) / 100) / 10} s into the load, ${cut} of ${USERS} answers streaming; down ${Math.round(downMs)} ms`,
      );
    };
    await Promise.all([load, restart()]);
  } finally {
    const samples = threads.stop();
    const busy = longestBusy(samples, backAt, backAt + 60_000);
    if (busy) {
      console.log(
        `  workerd's event loop, in the minute after the restart: longest held up ${busy.ms} ms, from ${((busy.start - backAt) / 1000).toFixed(1)} s, ${describe(busy.pid)} (samples: ${JSON.stringify(busy.doing)})`,
      );
      // Tenths of each second a main thread was away from its event loop, from the restart on.
      for (const [pid, tenths] of busyBySecond(samples, backAt - 15_000, 60)) {
        console.log(`    ${describe(pid)}: ${tenths.join("")}`);
      }
    }
    // A slow reconnect is explained by the server's side, if at all: keep its log.
    if (outcome.reconnects.some((ms) => ms > 15_000)) {
      writeFileSync(join(tmpdir(), "edgelit-drill-server.log"), app.logs());
      console.error(`  server log: ${join(tmpdir(), "edgelit-drill-server.log")}`);
    }
    await app.stop();
    await openai.close();
  }
  const r = outcome.reconnects;
  const figures = {
    users: USERS,
    answers: USERS * TURNS,
    completed: outcome.completed,
    "interrupted with notice": outcome.interrupted,
    lost: outcome.lost + outcome.mismatched + outcome.gaps,
    duplicated: outcome.duplicated + outcome.replayed,
    "turns that never ended": outcome.stuck,
    "server down ms": Math.round(downMs),
    reconnects: r.length,
    "reconnect p50 ms": Math.round(percentile(r, 50)),
    "reconnect p99 ms": Math.round(percentile(r, 99)),
  };
  console.table(figures);
  console.log(JSON.stringify({ bench: "drill", ...figures }));
  if (figures.lost > 0 || figures.duplicated > 0 || outcome.stuck > 0) process.exitCode = 1;
}

await main();
