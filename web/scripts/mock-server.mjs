#!/usr/bin/env node
/**
 * A stand-in server for working on the web UI alone and for UI benchmarks: serves web/dist and
 * speaks the wire protocol (protocol/frames.ts) with an in-memory event log per session, so
 * replay after reconnect works like the real Durable Object.
 *
 *   node web/scripts/mock-server.mjs [--port 8798]
 *
 * A user message picks a scenario:
 *   "stream N R"   stream N tokens at R tokens/s (default 20000 at 1000), coalesced per 16 ms
 *   "drop"         like "stream 400 200" but the server drops the socket half way
 *   "steps"        a tool step with a nested llm step, then an answer
 *   "many N"       N question/answer pairs at once (long-conversation rendering)
 *   anything else  echoed back as markdown
 * `GET /mock/stats` reports per-session seq, for benchmarks.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocketServer } from "ws";

const port = Number(process.argv[process.argv.indexOf("--port") + 1]) || 8798;
const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const TYPES = {
  ".js": "text/javascript",
  ".css": "text/css",
  ".html": "text/html",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

const config = {
  ui: {
    name: "Mock Assistant",
    description: "UI development server",
    cot: "full",
    default_theme: "system",
    default_expand_messages: false,
    default_collapse_content: true,
    layout: "default",
  },
  features: {
    latex: true,
    unsafe_allow_html: false,
    edit_message: true,
    spontaneous_file_upload: { enabled: true, accept: ["*/*"], maxFiles: 5, maxSizeMb: 10 },
    speech_to_text: { enabled: false },
  },
  theme: {},
  project: { name: "Mock", userEnv: [] },
  welcome: "# Mock\n\nA mock server.",
  user: null,
  auth: { required: false, password: false, header: false, oauthProviders: [] },
  starters: [
    { label: "Stream a lot", message: "stream 2000 1000" },
    { label: "Show steps", message: "steps" },
  ],
  chatProfiles: [],
};

/** @type {Map<string, {log: string[], sockets: Set<import("ws").WebSocket>, order: number, running: boolean}>} */
const sessions = new Map();
const session = (id) => {
  if (!sessions.has(id))
    sessions.set(id, { log: [], sockets: new Set(), order: 0, running: false });
  return sessions.get(id);
};

function emit(s, event) {
  const frame = JSON.stringify({ ...event, seq: s.log.length + 1 });
  s.log.push(frame);
  for (const ws of s.sockets) if (ws.readyState === 1) ws.send(frame);
}

const step = (s, over) => ({
  id: randomUUID(),
  parentId: null,
  type: "assistant_message",
  name: "Mock",
  output: "",
  createdAt: Date.now(),
  order: ++s.order,
  ...over,
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const WORDS = "the quick brown fox jumps over the lazy dog while streaming markdown tokens".split(
  " ",
);
function token(i) {
  if (i % 97 === 96) return "\n\n```js\nconst x = 1;\n```\n\n";
  if (i % 41 === 40) return "\n\n";
  return `${WORDS[i % WORDS.length]} `;
}

async function streamTokens(s, n, rate, dropAt = -1) {
  const msg = step(s, { streaming: true });
  emit(s, { type: "step", step: msg });
  const start = Date.now();
  let sent = 0;
  let text = "";
  while (sent < n) {
    await sleep(16);
    const due = Math.min(n, Math.floor(((Date.now() - start) / 1000) * rate));
    let chunk = "";
    for (; sent < due; sent++) chunk += token(sent);
    if (chunk) {
      text += chunk;
      emit(s, { type: "delta", id: msg.id, text: chunk });
    }
    if (dropAt >= 0 && sent >= dropAt) {
      dropAt = -1;
      for (const ws of s.sockets) ws.terminate();
    }
  }
  emit(s, { type: "step", step: { ...msg, output: text, streaming: undefined } });
}

async function onMessage(s, content) {
  const user = step(s, { type: "user_message", name: "User", output: content });
  emit(s, { type: "step", step: user });
  if (s.log.length <= 2) emit(s, { type: "thread", threadId: "t", name: content.slice(0, 40) });
  emit(s, { type: "task", running: true });
  s.running = true;
  const [cmd, a, b] = content.trim().split(/\s+/);
  if (cmd === "stream") await streamTokens(s, Number(a) || 20000, Number(b) || 1000);
  else if (cmd === "drop") await streamTokens(s, 400, 200, 200);
  else if (cmd === "steps") {
    const tool = step(s, {
      type: "tool",
      name: "search",
      input: '{"q": "x"}',
      showInput: "json",
      running: true,
    });
    emit(s, { type: "step", step: tool });
    const llm = step(s, { type: "llm", name: "llm", parentId: tool.id, running: true });
    emit(s, { type: "step", step: llm });
    await sleep(400);
    emit(s, { type: "step", step: { ...llm, output: "thought", running: false } });
    emit(s, { type: "step", step: { ...tool, output: "found it", running: false } });
    emit(s, { type: "step", step: step(s, { output: "Done: **found it**" }) });
  } else if (cmd === "many") {
    for (let i = 0; i < (Number(a) || 500); i++) {
      emit(s, {
        type: "step",
        step: step(s, { type: "user_message", name: "User", output: `question ${i}` }),
      });
      emit(s, {
        type: "step",
        step: step(s, {
          output: `Answer **${i}** with \`code\` and a [link](https://example.com).`,
        }),
      });
    }
  } else emit(s, { type: "step", step: step(s, { output: `You said: ${content}` }) });
  s.running = false;
  emit(s, { type: "task", running: false });
}

function snapshot(s) {
  const steps = new Map();
  let running = false;
  let threadName = null;
  for (const raw of s.log) {
    const e = JSON.parse(raw);
    if (e.type === "step") steps.set(e.step.id, e.step);
    else if (e.type === "delta") {
      const st = steps.get(e.id);
      if (st)
        steps.set(e.id, {
          ...st,
          output: e.replace ? e.text : st.output + e.text,
          streaming: true,
        });
    } else if (e.type === "task") running = e.running;
    else if (e.type === "thread") threadName = e.name;
  }
  return {
    steps: [...steps.values()],
    elements: [],
    running,
    ask: null,
    settings: null,
    threadName,
  };
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  const json = (status, body) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === "/api/config") return json(200, config);
  if (url.pathname === "/api/sessions" && req.method === "POST")
    return json(201, { sessionId: randomUUID() });
  if (url.pathname === "/api/threads") return json(200, { threads: [] });
  if (url.pathname === "/mock/stats")
    return json(
      200,
      Object.fromEntries(
        [...sessions].map(([id, s]) => [id, { seq: s.log.length, running: s.running }]),
      ),
    );
  if (/^\/api\/sessions\/[^/]+\/files$/.test(url.pathname) && req.method === "POST") {
    let size = 0;
    req.on("data", (c) => (size += c.length));
    req.on("end", () =>
      json(200, { id: randomUUID(), name: "upload", mime: "application/octet-stream", size }),
    );
    return;
  }
  let file = normalize(join(dist, decodeURIComponent(url.pathname)));
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory())
    file = join(dist, "index.html");
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});

const wss = new WebSocketServer({ noServer: true });
server.on("upgrade", (req, socket, head) => {
  const id = /^\/ws\/([^/?]+)/.exec(req.url ?? "")?.[1];
  if (!id) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => {
    const s = session(id);
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw));
      if (frame.type === "hello") {
        ws.send(JSON.stringify({ type: "ready", sessionId: id, seq: s.log.length, protocol: 1 }));
        if (frame.lastSeq === 0 || frame.lastSeq > s.log.length) {
          ws.send(JSON.stringify({ type: "snapshot", seq: s.log.length, snapshot: snapshot(s) }));
        } else for (const e of s.log.slice(frame.lastSeq)) ws.send(e);
        s.sockets.add(ws);
      } else if (frame.type === "message") void onMessage(s, frame.content);
      else if (frame.type === "ping") ws.send('{"type":"pong"}');
    });
    ws.on("close", () => s.sockets.delete(ws));
  });
});

server.listen(port, "127.0.0.1", () => console.log(`mock server on http://127.0.0.1:${port}`));
