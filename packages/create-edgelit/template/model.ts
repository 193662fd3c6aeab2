/**
 * The models the assistant can use, each as an async stream of text tokens. Which one runs
 * depends on the bindings and secrets the Worker has (wrangler.jsonc, .dev.vars, secrets).
 */
import { env } from "cloudflare:workers";
import * as cl from "edgelit";

type ChatMessage = { role: "user" | "assistant" | "system"; content: string };

export interface Model {
  label: string;
  stream(messages: ChatMessage[], signal?: AbortSignal): AsyncIterable<string>;
}

/**
 * The Worker's bindings (typed by `npm run types` from wrangler.jsonc and .dev.vars), plus the
 * optional ones this file looks for: uncomment "ai" in wrangler.jsonc for `AI`, put
 * OPENAI_API_KEY in .dev.vars for the key.
 */
const bindings: Env & {
  AI?: Ai;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL?: string;
} = env;

/** Workers AI if bound, else an OpenAI-compatible server if a key is set, else the demo. */
export function chooseModel(): Model {
  const { AI, OPENAI_API_KEY } = bindings;
  if (AI) return workersAI(AI);
  if (OPENAI_API_KEY) return openAICompatible(OPENAI_API_KEY);
  return demo;
}

function workersAI(ai: Ai): Model {
  const model = "@cf/meta/llama-3.1-8b-instruct";
  return {
    label: `Workers AI (${model})`,
    async *stream(messages) {
      const body = await ai.run(model, { messages, stream: true });
      if (!(body instanceof ReadableStream)) throw new Error("Workers AI did not stream");
      for await (const data of serverSentEvents(body)) {
        const token = (JSON.parse(data) as { response?: string }).response;
        if (token) yield token;
      }
    },
  };
}

function openAICompatible(apiKey: string): Model {
  const baseUrl = (bindings.OPENAI_BASE_URL || "https://api.openai.com/v1").replace(/\/$/, "");
  const model = bindings.OPENAI_MODEL || "gpt-4o-mini";
  return {
    label: model,
    async *stream(messages, signal) {
      const res = await fetch(`${baseUrl}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ model, messages, stream: true }),
        signal,
      });
      if (!res.ok || !res.body) throw new Error(`${baseUrl}: ${res.status} ${await res.text()}`);
      for await (const data of serverSentEvents(res.body)) {
        const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string } }[] };
        const token = chunk.choices?.[0]?.delta?.content;
        if (token) yield token;
      }
    },
  };
}

/**
 * `text` as a fenced block nothing inside it can close (the fence is longer than any run of
 * backticks in it), so a question with code in it cannot break the demo's reply.
 */
export function quoted(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/**
 * No model configured: a clearly labelled offline demo. It quotes the question and shows what
 * the chat can draw (a table, code, math; the "Choose a model" step is in app.ts).
 */
const demo: Model = {
  label: "Demo model (offline)",
  async *stream(messages) {
    const question = (messages.at(-1)?.content ?? "").slice(0, 2000);
    const reply = [
      "You asked:",
      "",
      quoted(question),
      "",
      'This is the **offline demo model**. Set OPENAI_API_KEY in .dev.vars, or turn on the "ai" binding in wrangler.jsonc, for real answers. Meanwhile, here is what the chat can show:',
      "",
      "| Markdown | Renders as |",
      "| --- | --- |",
      "| a table | this table |",
      "| a fenced block | highlighted code |",
      "| `$...$`, `$$...$$` | math |",
      "",
      "```ts",
      'const answer = new cl.Message({ content: "" });',
      "for await (const token of stream) await answer.streamToken(token);",
      "await answer.send();",
      "```",
      "",
      "$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$",
    ].join("\n");
    for (const word of reply.split(/(?<= )/)) {
      yield word;
      await cl.sleep(0.02);
    }
  },
};

/** The `data:` payloads of a server-sent event stream, up to `[DONE]`. */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf("\n");
    while (end >= 0) {
      const line = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      if (line.startsWith("data:")) {
        const data = line.slice(5).trim();
        if (data === "[DONE]") return;
        yield data;
      }
      end = buffer.indexOf("\n");
    }
  }
}
