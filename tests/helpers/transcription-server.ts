/**
 * A loopback OpenAI-compatible server for speech: `POST /v1/audio/transcriptions` parses the
 * real multipart body the `openai` client sends (a `file` part and a `model` field) and answers
 * `{ text }` naming what it received; `POST /v1/chat/completions` answers "You said: …".
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface Transcription {
  model: string;
  language: string;
  fileName: string;
  fileType: string;
  bytes: number;
}

export interface FakeSpeechServer {
  url: string;
  transcriptions: Transcription[];
  close(): Promise<void>;
}

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts)));
    req.on("error", reject);
  });
}

/** The parts of a multipart/form-data body: name → { filename?, type?, data }. */
function parseMultipart(body: Buffer, boundary: string) {
  const parts = new Map<string, { filename?: string; type?: string; data: Buffer }>();
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(at + delimiter.length + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString();
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (name) {
      parts.set(name, {
        filename: /filename="([^"]*)"/.exec(head)?.[1],
        type: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1],
        data: part.subarray(split + 4),
      });
    }
    at = next;
  }
  return parts;
}

export async function startFakeSpeech(): Promise<FakeSpeechServer> {
  const transcriptions: Transcription[] = [];
  const server = createServer(async (req, res) => {
    const body = await readRaw(req);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (req.url === "/v1/audio/transcriptions") {
      const boundary = /boundary=(.+)$/.exec(req.headers["content-type"] ?? "")?.[1];
      if (!boundary) return json(400, { error: { message: "expected multipart/form-data" } });
      const parts = parseMultipart(body, boundary.replace(/^"|"$/g, ""));
      const file = parts.get("file");
      const model = parts.get("model")?.data.toString();
      if (!file?.filename || !model) return json(400, { error: { message: "file and model" } });
      const t: Transcription = {
        model,
        language: parts.get("language")?.data.toString() ?? "",
        fileName: file.filename,
        fileType: file.type ?? "",
        bytes: file.data.length,
      };
      transcriptions.push(t);
      return json(200, { text: `I spoke ${t.bytes} bytes of ${t.fileType}` });
    }
    if (req.url === "/v1/chat/completions") {
      const request = JSON.parse(body.toString()) as { messages: { content: string }[] };
      const last = request.messages.at(-1)?.content ?? "";
      return json(200, {
        id: "chatcmpl-1",
        object: "chat.completion",
        created: 0,
        model: "fake",
        choices: [
          {
            index: 0,
            finish_reason: "stop",
            message: { role: "assistant", content: `You said: ${last}` },
          },
        ],
      });
    }
    json(404, { error: { message: `no route ${req.url}` } });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    transcriptions,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
