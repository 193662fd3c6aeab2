/**
 * `npm run bench:idle`: what an idle session costs in workerd memory, with N sessions (default
 * 1,000; `--sessions N`) on one local workerd, each with one finished turn (a 20-token answer
 * streamed from the loopback OpenAI server). Memory is workerd's resident set, read from /proc.
 *
 * - connected: what wave A of N sessions added, right after their turns (objects in memory);
 * - retained: the same N after `--settle` seconds idle with their sockets open. workerd evicts
 *   an idle object after 10 s (its hibernatable sockets stay open), but freed memory stays in
 *   the process, so this only shows what the allocator keeps;
 * - hibernated: what idle sessions really hold. Wave B of N fresh sessions is opened once wave A
 *   has hibernated: memory wave A released is reused, so RSS grows by N × (connected +
 *   hibernated) − N × connected, i.e. hibernated = (RSS after B − RSS after A) / N (an upper
 *   bound: fragmentation counts as held);
 * - evicted: a probe that proves wave A was evicted: a few of its sessions get one more turn and
 *   the Worker reports how many objects it constructed meanwhile (bench/instances.ts).
 *
 * The same is done with the bare relay Durable Object (a socket and nothing else) as the floor;
 * with the bare relay plus the tables a new session makes (`bare-tables`) or those and every
 * lazy one (`bare-all-tables`), which prices the tables alone (store/schema.ts); and with the
 * Agents SDK's `AIChatAgent` (bench/agents/worker.ts, one turn through its own chat
 * protocol) as the comparison, all in the same run (`--skip-agents` leaves it out; `--kinds
 * bare,edgelit-chats` runs only those; the table probes run only when asked for).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type WebSocket from "ws";
import { startFakeOpenAI } from "../tests/helpers/openai-server.js";
import { stopOnDeadline } from "./cleanup.js";
import { startAgentsServer, startBenchServer } from "./server.js";
import { openBare, openEdgelit, openMany } from "./stream.js";
import { workerdBelow } from "./threads.js";

const { values } = parseArgs({
  options: {
    sessions: { type: "string", default: "1000" },
    settle: { type: "string", default: "40" },
    "skip-agents": { type: "boolean", default: false },
    /** Comma-separated kinds to run (default: all). */
    kinds: { type: "string" },
  },
});
const SESSIONS = Number(values.sessions);
/** Seconds to wait for objects to hibernate / be evicted before reading memory again. */
const SETTLE_S = Number(values.settle);

/** Resident memory in KiB of every workerd process below this one. */
function workerdRssKiB(): number {
  let total = 0;
  for (const pid of workerdBelow(process.pid)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      total += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

/**
 * `edgelit`: each session a new anonymous visitor, as a public assistant sees them (each visitor
 * also has small rate-limiter objects); `edgelit-chats`: every session a chat of one visitor, so
 * the figure is the session's alone.
 */
type Kind =
  | "bare"
  | "bare-tables"
  | "bare-all-tables"
  | "bare-statements"
  | "edgelit"
  | "edgelit-chats"
  | "agents";

/** The visitor cookie `edgelit-chats` sessions share, made once per server. */
const visitors = new Map<string, Promise<string>>();
function visitorOf(url: string): Promise<string> {
  let cookie = visitors.get(url);
  if (!cookie) {
    cookie = fetch(`${url}/api/config`).then(async (res) => {
      await res.arrayBuffer();
      return res.headers.get("set-cookie")?.split(";")[0] ?? "";
    });
    visitors.set(url, cookie);
  }
  return cookie;
}

/** A chat agent's socket, as the Agents SDK's client opens it (`/agents/<class>/<name>`). */
async function openAgents(url: string, i: number): Promise<WebSocket> {
  const { default: WS } = await import("ws");
  const ws = new WS(`${url.replace("http", "ws")}/agents/chat-agent/idle-${i}-${Math.random()}`);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return ws;
}

function open(url: string, kind: Kind, i: number): Promise<WebSocket> {
  if (kind === "edgelit") return openEdgelit(url);
  if (kind === "edgelit-chats") return visitorOf(url).then((v) => openEdgelit(url, v));
  if (kind === "bare") return openBare(url, i);
  if (kind === "bare-tables") return openBare(url, i, "new");
  if (kind === "bare-all-tables") return openBare(url, i, "all");
  if (kind === "bare-statements") return openBare(url, i, "statements");
  return openAgents(url, i);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends one prompt and resolves when the socket's answer has ended. */
function turn(ws: WebSocket, kind: Kind, i: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("turn timed out")), 60_000);
    let answered = false;
    ws.on("message", function onFrame(data) {
      const frame = JSON.parse(String(data)) as {
        type: string;
        done?: boolean;
        error?: boolean;
        running?: boolean;
        step?: { type: string; streaming?: boolean };
      };
      if (kind.startsWith("bare") && frame.type !== "done") return;
      if (kind === "agents") {
        if (frame.type !== "cf_agent_use_chat_response" || !(frame.done || frame.error)) return;
        if (frame.error) reject(new Error(`agent turn failed: ${String(data)}`));
      }
      if (kind === "edgelit" || kind === "edgelit-chats") {
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
    const frames: Record<Kind, unknown> = {
      bare: { prompt },
      "bare-tables": { prompt },
      "bare-all-tables": { prompt },
      "bare-statements": { prompt },
      edgelit: { type: "message", id: `idle-${i}`, content: prompt },
      "edgelit-chats": { type: "message", id: `idle-${i}`, content: prompt },
      // What useAgentChat sends for one user message.
      agents: {
        type: "cf_agent_use_chat_request",
        id: `idle-${i}`,
        init: {
          method: "POST",
          body: JSON.stringify({
            messages: [{ id: `m-${i}`, role: "user", parts: [{ type: "text", text: prompt }] }],
            trigger: "submit-message",
          }),
        },
      },
    };
    ws.send(JSON.stringify(frames[kind]));
  });
}

interface IdleFigures {
  opened: number;
  baselineMiB: number;
  /** KiB per session: wave A just after its turns; the same after idling; see the header. */
  connectedKiB: number;
  retainedKiB: number;
  hibernatedKiB: number;
  /** Probed sessions of wave A that woke as new instances, of PROBES. */
  evicted: number;
}

/** Sessions of wave A given one more turn after idling, to see whether they were evicted. */
const PROBES = 10;

async function instancesMade(url: string): Promise<number> {
  const res = await fetch(`${url}/bench-instances`);
  return ((await res.json()) as { made: number }).made;
}

/** Opens n sessions and gives each one turn, 50 at a time. */
async function wave(url: string, kind: Kind, from: number): Promise<WebSocket[]> {
  const { sockets, failed } = await openMany(SESSIONS, (i) => open(url, kind, from + i));
  if (sockets.length === 0) throw new Error(`${kind}: no session opened`);
  if (failed > 0) console.log(`  ${kind}: ${failed} sessions failed to open`);
  let failedTurns = 0;
  for (let i = 0; i < sockets.length; i += 50) {
    const turns = await Promise.allSettled(
      sockets.slice(i, i + 50).map((ws, j) => turn(ws as WebSocket, kind, `${from + i + j}`)),
    );
    failedTurns += turns.filter((t) => t.status === "rejected").length;
  }
  // A failed turn (the machine too busy for the model call) still leaves a connected session.
  if (failedTurns > 0) console.log(`  ${kind}: ${failedTurns} turns failed`);
  return sockets as WebSocket[];
}

async function measure(url: string, kind: Kind): Promise<IdleFigures> {
  const baseline = workerdRssKiB();
  const waveA = await wave(url, kind, 0);
  const n = waveA.length;
  const per = (kib: number) => Math.round((kib / n) * 10) / 10;
  const afterA = workerdRssKiB();
  console.log(`  ${kind}: wave A, ${n} sessions connected: ${per(afterA - baseline)} KiB each`);
  await sleep(SETTLE_S * 1000);
  const retained = workerdRssKiB();
  console.log(`  ${kind}: after ${SETTLE_S} s idle: ${per(retained - baseline)} KiB each (RSS)`);
  const made = await instancesMade(url);
  await Promise.all(waveA.slice(0, PROBES).map((ws, i) => turn(ws, kind, `probe-${i}`)));
  const evicted = (await instancesMade(url)) - made;
  console.log(`  ${kind}: ${evicted} of ${PROBES} probed sessions woke as new instances`);
  // Let the probed ones hibernate again before wave B.
  await sleep(15_000);
  const waveB = await wave(url, kind, n);
  const afterB = workerdRssKiB();
  console.log(`  ${kind}: wave B added ${per(afterB - afterA)} KiB per hibernated session of A`);
  for (const ws of [...waveA, ...waveB]) ws.close();
  return {
    opened: n,
    baselineMiB: Math.round(baseline / 1024),
    connectedKiB: per(afterA - baseline),
    retainedKiB: per(retained - baseline),
    hibernatedKiB: per(Math.max(0, afterB - afterA)),
    evicted,
  };
}

async function main(): Promise<void> {
  const openai = await startFakeOpenAI();
  // Two servers, one per path: the second path must not inherit the first one's heap.
  const results: Record<string, IdleFigures> = {};
  const all: Kind[] = [
    "bare",
    "bare-tables",
    "bare-all-tables",
    "bare-statements",
    "edgelit",
    "edgelit-chats",
    "agents",
  ];
  const asked = values.kinds?.split(",") ?? ["bare", "edgelit", "edgelit-chats", "agents"];
  const kinds = all.filter((k) => asked.includes(k) && !(k === "agents" && values["skip-agents"]));
  for (const kind of kinds) {
    const server =
      kind === "agents" ? await startAgentsServer(openai.url) : await startBenchServer(openai.url);
    const forget = stopOnDeadline(() => server.stop());
    try {
      // Warm the isolate (code loaded, first objects made) before the baseline.
      const { sockets } = await openMany(5, (i) => open(server.url, kind, i));
      await Promise.all(sockets.map((ws, i) => turn(ws as WebSocket, kind, `warm-${i}`)));
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
