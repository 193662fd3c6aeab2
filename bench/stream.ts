/**
 * Client side of the streaming benchmark: WebSocket clients (the `ws` package) that send one
 * prompt per session and count tokens, frames, bytes and per-token latency until the answer
 * ends, and HTTP clients of the bare reader Worker. Everything is timed here, at the client:
 * inside a Worker `Date.now()` does not advance while code runs.
 */
import WebSocket from "ws";

export interface RunResult {
  /** Tokens the upstream sent, over all sessions. */
  tokens: number;
  /** Tokens the clients received (or, for reader-only paths, that the reader counted). */
  received: number;
  ms: number;
  frames: number;
  /** Frames that carried tokens (Edgelit also sends steps, task and ask frames). */
  deltas: number;
  bytes: number;
  /** Median over sessions of ms from sending the prompt to the first token at the client. */
  firstMs: number;
  /** Per-token added latency in ms, for `stamp` prompts. */
  latencies: number[];
  /** Tokens missing from answers that ended (or whose socket closed): lost, not late. */
  lost: number;
  /** Sessions that failed to open or whose answer had not ended when the run timed out. */
  unfinished: number;
}

/** A run's sockets that have not finished by then are counted unfinished. */
const RUN_TIMEOUT_MS = Number(process.env.BENCH_RUN_TIMEOUT_S ?? 120) * 1000;

const now = () => performance.timeOrigin + performance.now();
const TOKEN = /t\d+|@\d+\.\d+/g;

function stamps(text: string, at: number, into: number[]): void {
  for (const m of text.matchAll(/@(\d+\.\d+)/g)) into.push(at - Number(m[1]));
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
}

/**
 * A new Edgelit session's socket, past hello and its snapshot: of a new anonymous visitor, or of
 * `visitor` (the cookie of an earlier session), whose rate limiters it then shares.
 */
export async function openEdgelit(url: string, visitor?: string): Promise<WebSocket> {
  const res = await fetch(`${url}/api/sessions`, {
    method: "POST",
    headers: visitor ? { cookie: visitor } : {},
  });
  const cookie = visitor ?? res.headers.get("set-cookie")?.split(";")[0] ?? "";
  const { sessionId } = (await res.json()) as { sessionId: string };
  const ws = new WebSocket(`${url.replace("http", "ws")}/ws/${sessionId}`, { headers: { cookie } });
  await opened(ws);
  ws.send(JSON.stringify({ type: "hello", lastSeq: 0 }));
  await new Promise<void>((resolve) =>
    ws.on("message", function onReady(data) {
      if (String(data).includes('"type":"snapshot"')) {
        ws.off("message", onReady);
        resolve();
      }
    }),
  );
  return ws;
}

/** A socket to a fresh bare relay Durable Object. */
export async function openBare(
  url: string,
  i: number,
  tables?: "new" | "all" | "statements",
): Promise<WebSocket> {
  const query = tables ? `?tables=${tables}` : "";
  const ws = new WebSocket(`${url.replace("http", "ws")}/bare/${i}-${Math.random()}${query}`);
  await opened(ws);
  return ws;
}

/** How long one socket may take to open (a session: create, upgrade, hello, snapshot). */
const OPEN_TIMEOUT_MS = 30_000;

/**
 * Opens `n` sockets, at most 100 at a time (1,000 at once would only measure the handshake).
 * A socket that fails or takes over OPEN_TIMEOUT_MS is left out and counted as failed.
 */
export async function openMany(
  n: number,
  open: (i: number) => Promise<WebSocket>,
): Promise<{ sockets: WebSocket[]; failed: number }> {
  const sockets: WebSocket[] = [];
  let failed = 0;
  const started = now();
  const bounded = (i: number) =>
    Promise.race([
      open(i),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("open timed out")), OPEN_TIMEOUT_MS).unref(),
      ),
    ]);
  for (let i = 0; i < n; i += 100) {
    const batch = await Promise.allSettled(
      Array.from({ length: Math.min(100, n - i) }, (_, j) => bounded(i + j)),
    );
    for (const r of batch) {
      if (r.status === "fulfilled") sockets.push(r.value);
      else failed++;
    }
  }
  if (n >= 100)
    console.log(
      `    (opened ${sockets.length} of ${n} sockets in ${Math.round(now() - started)} ms${failed ? `; ${failed} failed` : ""})`,
    );
  return { sockets, failed };
}

type Frame = {
  type: string;
  text?: string;
  n?: number;
  step?: { type: string; streaming?: boolean };
  running?: boolean;
};

function median(values: number[]): number {
  return percentile(values, 50);
}

/**
 * Sends `prompt` on every socket at once and counts frames, bytes, tokens and stamped-token
 * latency until `done` says a socket's answer is complete.
 */
async function measure(
  { sockets, failed }: { sockets: WebSocket[]; failed: number },
  tokens: number,
  send: (ws: WebSocket, i: number) => void,
  done: (frame: Frame, state: { answered: boolean }) => boolean,
): Promise<RunResult> {
  const result: RunResult = {
    tokens: tokens * (sockets.length + failed),
    received: 0,
    ms: 0,
    frames: 0,
    deltas: 0,
    bytes: 0,
    firstMs: 0,
    latencies: [],
    lost: 0,
    unfinished: 0,
  };
  const firsts: number[] = [];
  const start = now();
  const pending = new Set<WebSocket>(sockets);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, RUN_TIMEOUT_MS);
  });
  const all = Promise.all(
    sockets.map(
      (ws, i) =>
        new Promise<void>((resolve) => {
          let got = 0;
          const finish = () => {
            if (!pending.delete(ws)) return;
            result.lost += tokens - got;
            resolve();
          };
          ws.once("close", finish);
          const state = { answered: false };
          let first = true;
          ws.on("message", (data) => {
            const at = now();
            const text = String(data);
            result.frames++;
            result.bytes += Buffer.byteLength(text);
            const frame = JSON.parse(text) as Frame;
            if (frame.type === "delta" && frame.text) {
              result.deltas++;
              if (first) firsts.push(at - start);
              first = false;
              const n = frame.text.match(TOKEN)?.length ?? 0;
              got += n;
              result.received += n;
              stamps(frame.text, at, result.latencies);
            }
            if (frame.type === "count") {
              got += frame.n ?? 0;
              result.received += frame.n ?? 0;
            }
            if (done(frame, state)) {
              ws.close();
              finish();
            }
          });
          send(ws, i);
        }),
    ),
  );
  await Promise.race([all, timedOut]);
  clearTimeout(timer);
  result.ms = now() - start;
  result.unfinished = pending.size + failed;
  for (const ws of pending) ws.terminate();
  result.firstMs = median(firsts);
  return result;
}

/** Streams `tokens` tokens to each of `sessions` clients at once through Edgelit's session. */
export async function streamEdgelit(
  url: string,
  prompt: string,
  tokens: number,
  sessions: number,
): Promise<RunResult> {
  const sockets = await openMany(sessions, () => openEdgelit(url));
  return measure(
    sockets,
    tokens,
    (ws, i) => ws.send(JSON.stringify({ type: "message", id: `m${i}`, content: prompt })),
    (frame, state) => {
      if (
        frame.type === "step" &&
        frame.step?.type === "assistant_message" &&
        !frame.step.streaming
      )
        state.answered = true;
      return frame.type === "task" && frame.running === false && state.answered;
    },
  );
}

/**
 * The same load through the bare relay Durable Object; with `readOnly` it only parses the stream
 * and sends the count at the end (the reader-only ceiling).
 */
export async function streamBare(
  url: string,
  prompt: string,
  tokens: number,
  sessions: number,
  readOnly = false,
): Promise<RunResult> {
  const sockets = await openMany(sessions, (i) => openBare(url, i));
  return measure(
    sockets,
    tokens,
    (ws) => ws.send(JSON.stringify({ prompt, readOnly })),
    (frame) => frame.type === "done",
  );
}

/** The reader-only ceiling in a bare Worker (no Durable Object): `GET {readerUrl}?prompt=…`. */
export async function readWorker(
  readerUrl: string,
  prompt: string,
  tokens: number,
  sessions: number,
): Promise<RunResult> {
  const start = now();
  const counts = await Promise.all(
    Array.from({ length: sessions }, async () => {
      const res = await fetch(`${readerUrl}?prompt=${encodeURIComponent(prompt)}`);
      if (!res.ok) throw new Error(`reader answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { tokens: number }).tokens;
    }),
  );
  return {
    tokens: tokens * sessions,
    received: counts.reduce((a, b) => a + b, 0),
    ms: now() - start,
    frames: sessions,
    deltas: 0,
    bytes: 0,
    firstMs: Number.NaN,
    latencies: [],
    lost: tokens * sessions - counts.reduce((a, b) => a + b, 0),
    unfinished: 0,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
