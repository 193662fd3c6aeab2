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

/** Streams `tokens` tokens to each of `sessions` clients at once through Edgelit's session. */
export async function streamEdgelit(
  url: string,
  prompt: string,
  tokens: number,
  sessions: number,
): Promise<RunResult> {
  const sockets = await Promise.all(Array.from({ length: sessions }, () => openEdgelit(url)));
  const result: RunResult = {
    tokens: tokens * sessions,
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
          let answered = false;
          ws.on("message", (data) => {
            const at = now();
            const text = String(data);
            result.frames++;
            result.bytes += Buffer.byteLength(text);
            const frame = JSON.parse(text) as {
              type: string;
              text?: string;
              step?: { type: string; streaming?: boolean };
              running?: boolean;
            };
            if (frame.type === "delta" && frame.text) stamps(frame.text, at, result.latencies);
            if (
              frame.type === "step" &&
              frame.step?.type === "assistant_message" &&
              !frame.step.streaming
            )
              answered = true;
            if (frame.type === "task" && frame.running === false && answered) {
              ws.close();
              resolve();
            }
          });
          ws.send(JSON.stringify({ type: "message", id: `m${i}`, content: prompt }));
        }),
    ),
  );
  result.ms = now() - start;
  return result;
}

/** The same load through the bare relay. */
export async function streamBare(
  url: string,
  prompt: string,
  tokens: number,
  sessions: number,
): Promise<RunResult> {
  const sockets = await Promise.all(Array.from({ length: sessions }, (_, i) => openBare(url, i)));
  const result: RunResult = {
    tokens: tokens * sessions,
    ms: 0,
    frames: 0,
    bytes: 0,
    latencies: [],
  };
  const start = now();
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.on("message", (data) => {
            const at = now();
            const text = String(data);
            result.frames++;
            result.bytes += Buffer.byteLength(text);
            const frame = JSON.parse(text) as { type: string; text?: string };
            if (frame.type === "delta" && frame.text) stamps(frame.text, at, result.latencies);
            if (frame.type === "done") {
              ws.close();
              resolve();
            }
          });
          ws.send(JSON.stringify({ prompt }));
        }),
    ),
  );
  result.ms = now() - start;
  return result;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
