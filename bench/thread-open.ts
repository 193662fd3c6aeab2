/**
 * Opening a long thread, locally: builds a 1,000-message thread through the real WebSocket
 * (one user message answered by 999 messages of ~130 characters), then measures what reopening it costs — the snapshot's size and the time
 * from `hello` to the snapshot — and reading it from D1 over REST. Prints JSON lines.
 *
 *   npx tsx bench/thread-open.ts [--messages 1000] [--opens 7]
 *
 * Runs `edgelit run` on a throwaway echo app with its own state folder (local D1 and R2).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import WebSocket from "ws";

const ROOT = resolve(import.meta.dirname, "..");

// One message builds the whole thread, so public mode's per-minute message limit never applies.
const APP = `import * as cl from "edgelit";
cl.onMessage(async (m) => {
  const answers = Number(m.content.match(/^seed (\\d+)$/)?.[1] ?? 1);
  for (let i = 1; i <= answers; i++) {
    await new cl.Message(i + ". The quick brown fox jumps over the lazy dog; " + "lorem ipsum dolor sit amet ".repeat(3)).send();
  }
});
`;

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "1000" },
    opens: { type: "string", default: "7" },
  },
});
const MESSAGES = Number(values.messages);
const OPENS = Number(values.opens);

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? ok(address.port) : fail()));
    });
  });
}

async function start(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [join(ROOT, "bin/edgelit.mjs"), "run", join(dir, "app.ts"), "--port", String(port)],
    {
      cwd: dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "1" },
    },
  );
  let logs = "";
  child.stdout?.on("data", (d) => (logs += d));
  child.stderr?.on("data", (d) => (logs += d));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`edgelit run did not start:\n${logs}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child };
    } catch {
      // Still starting.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Conn {
  ws: WebSocket;
  /** Resolves with the first frame (raw text) whose type is `type`. */
  next(
    type: string,
    pred?: (frame: Record<string, unknown>) => boolean,
    ms?: number,
  ): Promise<string>;
}

async function connect(url: string, cookie: string, id: string): Promise<Conn> {
  const ws = new WebSocket(`${url.replace("http", "ws")}/ws/${id}`, { headers: { cookie } });
  await new Promise((ok, fail) => ws.once("open", ok).once("error", fail));
  return {
    ws,
    next: (type, pred = () => true, ms = 60_000) =>
      new Promise((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no ${type} frame within ${ms} ms`)), ms);
        const onFrame = (data: WebSocket.RawData) => {
          const text = String(data);
          const frame = JSON.parse(text) as Record<string, unknown>;
          if (frame.type === "error") fail(new Error(`server refused: ${text}`));
          if (frame.type === type && pred(frame)) {
            clearTimeout(timer);
            ws.off("message", onFrame);
            ok(text);
          }
        };
        ws.on("message", onFrame);
      }),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const print = (figures: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: "thread-open", messages: MESSAGES, ...figures }));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "edgelit-thread-open-"));
  writeFileSync(join(dir, "app.ts"), APP);
  const { url, child } = await start(dir);
  try {
    const res = await fetch(`${url}/api/sessions`, { method: "POST" });
    const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
    const { sessionId } = (await res.json()) as { sessionId: string };

    const writer = await connect(url, cookie, sessionId);
    const ready = writer.next("snapshot");
    writer.ws.send(JSON.stringify({ type: "hello", lastSeq: 0 }));
    await ready;
    const built = performance.now();
    const idle = writer.next("task", (f) => f.running === false);
    writer.ws.send(
      JSON.stringify({ type: "message", id: "seed", content: `seed ${MESSAGES - 1}` }),
    );
    await idle;
    print({ figure: "build", ms: Math.round(performance.now() - built) });
    writer.ws.close();

    const times: number[] = [];
    let bytes = 0;
    let steps = 0;
    for (let i = 0; i < OPENS; i++) {
      const reader = await connect(url, cookie, sessionId);
      const snapshot = reader.next("snapshot");
      const t0 = performance.now();
      reader.ws.send(JSON.stringify({ type: "hello", lastSeq: 0 }));
      const text = await snapshot;
      times.push(performance.now() - t0);
      bytes = Buffer.byteLength(text);
      steps = (JSON.parse(text) as { snapshot: { steps: unknown[] } }).snapshot.steps.length;
      reader.ws.close();
    }
    print({
      figure: "hello-to-snapshot",
      steps,
      snapshotBytes: bytes,
      medianMs: Math.round(median(times)),
      maxMs: Math.round(Math.max(...times)),
      firstMs: Math.round(times[0] ?? 0),
    });

    const restTimes: number[] = [];
    let restBytes = 0;
    for (let i = 0; i < OPENS; i++) {
      const t0 = performance.now();
      const body = await (
        await fetch(`${url}/api/threads/${sessionId}`, { headers: { cookie } })
      ).text();
      restTimes.push(performance.now() - t0);
      restBytes = Buffer.byteLength(body);
    }
    print({
      figure: "rest-thread",
      bytes: restBytes,
      medianMs: Math.round(median(restTimes)),
      maxMs: Math.round(Math.max(...restTimes)),
    });
  } finally {
    try {
      process.kill(-(child.pid as number), "SIGTERM");
    } catch {
      // Already gone.
    }
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
