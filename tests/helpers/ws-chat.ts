/**
 * One chat with a running Edgelit server from Node, as the web client has it: a visitor cookie
 * from /api/config, a session from POST /api/sessions, its WebSocket (the `ws` package: Node has
 * no global WebSocket), hello, one message, and the frames until the task ends. Time-bounded.
 */
import WebSocket from "ws";
import { parseServerFrame, type ServerFrame } from "../../protocol/frames.js";
import { transcript } from "../../testing/transcript.js";

/** The messages and steps of a finished chat: `type:output` in order. */
export interface ChatResult {
  frames: ServerFrame[];
  lines: string[];
}

/** Opens a session on `origin`, sends `text` and resolves once the reply task has ended. */
export async function chatOnce(origin: string, text: string, ms = 30_000): Promise<ChatResult> {
  const config = await fetch(`${origin}/api/config`);
  const cookie = config.headers.get("set-cookie")?.split(";")[0];
  if (!config.ok || !cookie) throw new Error(`GET /api/config: ${config.status}, no cookie`);
  await config.arrayBuffer();
  const created = await fetch(`${origin}/api/sessions`, { method: "POST", headers: { cookie } });
  const { sessionId } = (await created.json()) as { sessionId: string };
  const ws = new WebSocket(`${origin.replace(/^http/, "ws")}/ws/${sessionId}`, {
    headers: { cookie, origin },
  });
  const frames: ServerFrame[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no reply in ${ms} ms: ${JSON.stringify(frames.slice(-5))}`)),
      ms,
    );
    const id = crypto.randomUUID();
    let echoed = false;
    ws.on("error", reject);
    ws.on("open", () => ws.send(JSON.stringify({ type: "hello", lastSeq: 0 })));
    ws.on("message", (data) => {
      const parsed = parseServerFrame(String(data));
      if (!parsed.ok) return reject(new Error(`invalid frame: ${parsed.error}`));
      const frame = parsed.value;
      frames.push(frame);
      if (frame.type === "snapshot") {
        ws.send(JSON.stringify({ type: "message", id, content: text }));
      } else if (frame.type === "step" && frame.step.metadata?.clientId === id) {
        echoed = true;
      } else if (echoed && frame.type === "task" && !frame.running) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  try {
    await done;
  } finally {
    ws.close();
  }
  return { frames, lines: lines(frames) };
}

function lines(frames: ServerFrame[]): string[] {
  return [...transcript(frames).values()]
    .sort((a, b) => a.order - b.order)
    .map((s) => `${s.type}:${s.output}`);
}
