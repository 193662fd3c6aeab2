/**
 * `npm run bench:idle`: what an idle session costs in workerd memory. Opens N sessions (default
 * 1,000; `--sessions N`) on one local workerd, each with one finished turn (a 20-token answer
 * streamed from the loopback OpenAI server), then reads workerd's resident memory three times:
 * right after the turns (connected, objects in memory), after the objects have had time to
 * hibernate with their sockets still open, and after every socket closed. The same is done with
 * the bare relay Durable Object (a socket and nothing else) as the floor, in the same run.
 * Memory is read from /proc at the client side of the process tree: workerd's own RSS.
 */
import { readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type WebSocket from "ws";
import { startFakeOpenAI } from "../tests/helpers/openai-server.js";
import { stopOnDeadline } from "./cleanup.js";
import { startBenchServer } from "./server.js";
import { openBare, openEdgelit, openMany } from "./stream.js";

const { values } = parseArgs({
  options: {
    sessions: { type: "string", default: "1000" },
    settle: { type: "string", default: "40" },
  },
});
const SESSIONS = Number(values.sessions);
/** Seconds to wait for objects to hibernate / be evicted before reading memory again. */
const SETTLE_S = Number(values.settle);

/** Resident memory in KiB of every workerd process below this one. */
function workerdRssKiB(): number {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      names.set(pid, /^Name:\s+(\S+)/m.exec(status)?.[1] ?? "");
      rss.set(pid, Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // Gone meanwhile.
    }
  }
  let total = 0;
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (names.get(child)?.startsWith("workerd")) total += rss.get(child) ?? 0;
      walk(child);
    }
  };
  walk(process.pid);
  return total;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends one prompt and resolves when the socket's answer has ended. */
function turn(ws: WebSocket, kind: "edgelit" | "bare", i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("turn timed out")), 60_000);
    let answered = false;
    ws.on("message", function onFrame(data) {
      const frame = JSON.parse(String(data)) as {
        type: string;
        running?: boolean;
        step?: { type: string; streaming?: boolean };
      };
      if (kind === "bare" && frame.type !== "done") return;
      if (kind === "edgelit") {
        if (frame.type === "step" && frame.step?.type === "assistant_message") {
          answered = !frame.step.streaming;
        }
        if (!(frame.type === "task" && frame.running === false && answered)) return;
      }
      ws.off("message", onFrame);
      clearTimeout(timer);
      resolve();
    });
    const prompt = "tokens:20";
    ws.send(
      JSON.stringify(
        kind === "bare" ? { prompt } : { type: "message", id: `idle-${i}`, content: prompt },
      ),
    );
  });
}

interface IdleFigures {
  opened: number;
  baselineMiB: number;
  /** KiB per session, each line: connected after its turn; hibernated; all sockets closed. */
  connectedKiB: number;
  hibernatedKiB: number;
  closedKiB: number;
}

async function measure(url: string, kind: "edgelit" | "bare"): Promise<IdleFigures> {
  const baseline = workerdRssKiB();
  const { sockets, failed } = await openMany(SESSIONS, (i) =>
    kind === "edgelit" ? openEdgelit(url) : openBare(url, i),
  );
  for (let i = 0; i < sockets.length; i += 50) {
    await Promise.all(sockets.slice(i, i + 50).map((ws, j) => turn(ws as WebSocket, kind, i + j)));
  }
  const n = sockets.length;
  const per = (kib: number) => Math.round(((kib - baseline) / n) * 10) / 10;
  const connected = workerdRssKiB();
  console.log(`  ${kind}: ${n} sessions (${failed} failed), connected: ${per(connected)} KiB each`);
  await sleep(SETTLE_S * 1000);
  const hibernated = workerdRssKiB();
  console.log(`  ${kind}: after ${SETTLE_S} s idle: ${per(hibernated)} KiB each`);
  for (const ws of sockets) ws.close();
  await sleep(SETTLE_S * 1000);
  const closed = workerdRssKiB();
  console.log(`  ${kind}: ${SETTLE_S} s after closing: ${per(closed)} KiB each`);
  return {
    opened: n,
    baselineMiB: Math.round(baseline / 1024),
    connectedKiB: per(connected),
    hibernatedKiB: per(hibernated),
    closedKiB: per(closed),
  };
}

async function main(): Promise<void> {
  const openai = await startFakeOpenAI();
  // Two servers, one per path: the second path must not inherit the first one's heap.
  const results: Record<string, IdleFigures> = {};
  for (const kind of ["bare", "edgelit"] as const) {
    const server = await startBenchServer(openai.url);
    const forget = stopOnDeadline(() => server.stop());
    try {
      // Warm the isolate (code loaded, first objects made) before the baseline.
      const { sockets } = await openMany(5, (i) =>
        kind === "edgelit" ? openEdgelit(server.url) : openBare(server.url, i),
      );
      await Promise.all(sockets.map((ws, i) => turn(ws as WebSocket, kind, i)));
      for (const ws of sockets) ws.close();
      await sleep(5000);
      results[kind] = await measure(server.url, kind);
    } finally {
      await server.stop();
      forget();
    }
  }
  await openai.close();
  console.log(JSON.stringify({ bench: "idle", sessions: SESSIONS, settleS: SETTLE_S, results }));
}

await main();
