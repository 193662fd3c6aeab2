/**
 * Client side of the streaming benchmark: WebSocket clients (the `ws` package) that send one
 * prompt per session and count tokens, frames, bytes and per-token latency until the answer ends.
 */
import WebSocket from "ws";

export interface RunResult {
  tokens: number;
  ms: number;
  frames: number;
  bytes: number;
  /** Per-token added latency in ms, for `stamp` prompts. */
  latencies: number[];
}

const now = () => performance.timeOrigin + performance.now();

function stamps(text: string, at: number, into: number[]): void {
  for (const m of text.matchAll(/@(\d+\.\d+)/g)) into.push(at - Number(m[1]));
}

async function openEdgelit(url: string): Promise<WebSocket> {
  const res = await fetch(`${url}/api/sessions`, { method: "POST" });
  const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
  const { sessionId } = (await res.json()) as { sessionId: string };
  const ws = new WebSocket(`${url.replace("http", "ws")}/ws/${sessionId}`, { headers: { cookie } });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
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

async function openBare(url: string, i: number): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace("http", "ws")}/bare/${i}-${Math.random()}`);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return ws;
}

type Frame = {
  type: string;
  text?: string;
  step?: { type: string; streaming?: boolean };
  running?: boolean;
};

/**
 * Sends `prompt` on every socket at once and counts frames, bytes and stamped-token latency until
 * `done` says a socket's answer is complete.
 */
async function measure(
  sockets: WebSocket[],
  tokens: number,
  send: (ws: WebSocket, i: number) => void,
  done: (frame: Frame, state: { answered: boolean }) => boolean,
): Promise<RunResult> {
  const result: RunResult = {
    tokens: tokens * sockets.length,
    ms: 0,
    frames: 0,
    bytes: 0,
    latencies: [],
  };
  const start = now();
  await Promise.all(
    sockets.map(
      (ws, i) =>
        new Promise<void>((resolve) => {
          const state = { answered: false };
          ws.on("message", (data) => {
            const at = now();
            const text = String(data);
            result.frames++;
            result.bytes += Buffer.byteLength(text);
            const frame = JSON.parse(text) as Frame;
            if (frame.type === "delta" && frame.text) stamps(frame.text, at, result.latencies);
            if (done(frame, state)) {
              ws.close();
              resolve();
            }
          });
          send(ws, i);
        }),
    ),
  );
  result.ms = now() - start;
  return result;
}

/** Streams `tokens` tokens to each of `sessions` clients at once through Edgelit's session. */
export async function streamEdgelit(
  url: string,
  prompt: string,
  tokens: number,
  sessions: number,
): Promise<RunResult> {
  const sockets = await Promise.all(Array.from({ length: sessions }, () => openEdgelit(url)));
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

/** The same load through the bare relay. */
export async function streamBare(
  url: string,
  prompt: string,
  tokens: number,
  sessions: number,
): Promise<RunResult> {
  const sockets = await Promise.all(Array.from({ length: sessions }, (_, i) => openBare(url, i)));
  return measure(
    sockets,
    tokens,
    (ws) => ws.send(JSON.stringify({ prompt })),
    (frame) => frame.type === "done",
  );
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
