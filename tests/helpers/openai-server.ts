/**
 * A small OpenAI-compatible server on loopback for tests and benchmarks: the real `openai`
 * client talks to it over HTTP. What it answers depends on the last user message:
 *
 * - `tokens:N` → N tokens "t0 t1 …", one SSE event per write as providers send them (as fast
 *   as the socket drains, or `rate:R` per second);
 * - `bulk` (with `tokens:N`, unpaced) → events gathered into ~16 KB writes instead: a batched
 *   upstream, which no provider is, but which shows what the reader can do with few reads;
 * - `stamp` (with `tokens:N`) → each token is ` @<epoch ms>` of when it was sent;
 * - `batch:B` (with `rate:R`) → B tokens per write, one write every B/R seconds;
 * - `slow` → one token every 100 ms for a minute (for stop / abort tests);
 * - `think:` → "<think>I should answer.</think>Done." (reasoning in tags, as some models send it);
 * - with `tools` offered, a tool call planned by openai-tools.ts (`weather` → `get_weather`,
 *   `handoff` → an Agents SDK `transfer_to_…`); otherwise a request ending with a tool result →
 *   "Tool said: <its content>";
 * - anything else → "You said: <message>" word by word.
 *
 * With `stream_options.include_usage` a stream ends with a usage chunk, as OpenAI's does.
 *
 * `GET /_stats` reports requests seen and streams the client aborted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./loopback.js";
import { plannedToolCall, textOf, toolCallChoice, toolCallDeltas } from "./openai-tools.js";

export interface FakeOpenAI {
  url: string;
  stats: { requests: number; aborted: number; bodies: unknown[] };
  close(): Promise<void>;
}

interface ChatBody {
  model?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: { function?: { name?: string } }[];
  messages?: { role: string; content?: string | { type?: string; text?: string }[] | null }[];
}

/** The tokens, and the pause between them in ms, for a prompt. */
export function plan(prompt: string): {
  tokens: string[];
  delayMs: number;
  stamp: boolean;
  batch: number;
  bulk: boolean;
} {
  const count = /tokens:(\d+)/.exec(prompt);
  const rate = /rate:(\d+)/.exec(prompt);
  const batch = Math.max(1, Number(/batch:(\d+)/.exec(prompt)?.[1] ?? 1));
  const stamp = prompt.includes("stamp");
  const bulk = prompt.includes("bulk");
  if (count) {
    const n = Number(count[1]);
    return {
      tokens: Array.from({ length: n }, (_, i) => (i === 0 ? `t${i}` : ` t${i}`)),
      delayMs: rate ? (1000 * batch) / Number(rate[1]) : 0,
      stamp,
      batch,
      bulk,
    };
  }
  if (prompt.includes("think:")) {
    return {
      tokens: ["<think>", "I should answer.", "</think>", "Done."],
      delayMs: 0,
      stamp: false,
      batch: 1,
      bulk: false,
    };
  }
  if (prompt.includes("slow")) {
    return {
      tokens: Array.from({ length: 600 }, (_, i) => ` s${i}`),
      delayMs: 100,
      stamp: false,
      batch: 1,
      bulk: false,
    };
  }
  const words = `You said: ${prompt}`.split(/(?= )/);
  return { tokens: words, delayMs: 0, stamp: false, batch: 1, bulk: false };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handle(req: IncomingMessage, res: ServerResponse, stats: FakeOpenAI["stats"]) {
  if (req.method === "GET" && req.url === "/_stats") {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify({ requests: stats.requests, aborted: stats.aborted }));
  }
  if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
    res.writeHead(404, { "content-type": "application/json" });
    return res.end(JSON.stringify({ error: { message: "not found" } }));
  }
  const body = JSON.parse(await readBody(req)) as ChatBody;
  stats.requests++;
  stats.bodies.push(body);
  const prompt = textOf(
    [...(body.messages ?? [])].reverse().find((m) => m.role === "user")?.content,
  );
  const last = body.messages?.at(-1);
  const toolCall = plannedToolCall(body);
  const { tokens, delayMs, stamp, batch, bulk } =
    last?.role === "tool"
      ? {
          tokens: `Tool said: ${textOf(last.content)}`.split(/(?= )/),
          delayMs: 0,
          stamp: false,
          batch: 1,
          bulk: false,
        }
      : plan(prompt);
  const model = body.model ?? "fake";
  const id = `chatcmpl-${stats.requests}`;
  const created = Math.floor(Date.now() / 1000);
  if (!body.stream) {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(
      JSON.stringify({
        id,
        object: "chat.completion",
        created,
        model,
        choices: [
          toolCall
            ? toolCallChoice(toolCall)
            : {
                index: 0,
                finish_reason: "stop",
                message: { role: "assistant", content: tokens.join("") },
              },
        ],
        usage: {
          prompt_tokens: prompt.length,
          completion_tokens: tokens.length,
          total_tokens: prompt.length + tokens.length,
        },
      }),
    );
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  let closed = false;
  res.on("close", () => {
    if (!res.writableFinished) {
      closed = true;
      stats.aborted++;
    }
  });
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  res.write(chunk({ role: "assistant", content: "" }));
  const usage = body.stream_options?.include_usage
    ? `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage: { prompt_tokens: prompt.length, completion_tokens: tokens.length, total_tokens: prompt.length + tokens.length } })}\n\n`
    : "";
  if (toolCall) {
    const calls = toolCallDeltas(toolCall).map((delta) => chunk(delta));
    return res.end(`${calls.join("")}${chunk({}, "tool_calls")}${usage}data: [DONE]\n\n`);
  }
  let buffer = "";
  let inBatch = 0;
  let due = performance.now();
  for (const token of tokens) {
    if (closed) return;
    // `stamp` tokens carry the wall-clock time they leave, to measure the latency added after.
    buffer += chunk({
      content: stamp ? ` @${(performance.timeOrigin + performance.now()).toFixed(3)}` : token,
    });
    if (delayMs > 0) {
      if (++inBatch < batch) continue;
      inBatch = 0;
      res.write(buffer);
      buffer = "";
      // Paced against the clock, so timer slack does not add up over a long answer.
      due += delayMs;
      await sleep(batch > 1 ? Math.max(0, due - performance.now()) : delayMs);
    } else if (!bulk || buffer.length > 16_384) {
      if (!res.write(buffer)) await new Promise((r) => res.once("drain", r));
      buffer = "";
    }
  }
  res.end(`${buffer}${chunk({}, "stop")}${usage}data: [DONE]\n\n`);
}

/** Starts the server on 127.0.0.1 with a free port. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const stats: FakeOpenAI["stats"] = { requests: 0, aborted: 0, bodies: [] };
  const server: Server = createServer((req, res) => {
    handle(req, res, stats).catch((err) => {
      res.destroy(err as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
