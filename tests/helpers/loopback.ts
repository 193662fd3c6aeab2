/**
 * A JSON-or-SSE HTTP server on 127.0.0.1 for tests that drive a provider's real client library:
 * each provider helper only decides what to answer. Every request body is kept for assertions.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What a provider helper answers: a JSON body, or server-sent events written in order. */
export type Reply =
  | { json: unknown; status?: number }
  | { events: { event?: string; data: unknown }[]; done?: boolean };

export interface Loopback {
  url: string;
  bodies: unknown[];
  close(): Promise<void>;
}

/** A request's whole body as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      data += chunk;
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if ("json" in reply) {
    res.writeHead(reply.status ?? 200, { "content-type": "application/json" });
    res.end(JSON.stringify(reply.json));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const e of reply.events) {
    res.write(`${e.event ? `event: ${e.event}\n` : ""}data: ${JSON.stringify(e.data)}\n\n`);
  }
  res.end(reply.done ? "data: [DONE]\n\n" : "");
}

/** Starts a server whose POSTs to `path` are answered by `answer(body)`; others get 404. */
export async function startLoopback(
  path: string,
  answer: (body: Record<string, unknown>) => Reply,
): Promise<Loopback> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    if (req.method !== "POST" || req.url?.split("?")[0] !== path) {
      send(res, { json: { error: { message: `not found: ${req.url}` } }, status: 404 });
      return;
    }
    readBody(req)
      .then((raw) => {
        const body = JSON.parse(raw) as Record<string, unknown>;
        bodies.push(body);
        send(res, answer(body));
      })
      .catch((err: unknown) => res.destroy(err as Error));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The text of the last user message of an OpenAI/Anthropic/Mistral-style message list. */
export function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return "";
  const last = [...messages].reverse().find((m: { role?: string }) => m.role === "user") as
    | { content?: unknown }
    | undefined;
  if (typeof last?.content === "string") return last.content;
  if (!Array.isArray(last?.content)) return "";
  return last.content.map((c: { text?: string }) => c.text ?? "").join("");
}
