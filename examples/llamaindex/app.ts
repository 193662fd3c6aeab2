/**
 * LlamaIndex.TS: a query engine over a few notes (a keyword retriever, so no embeddings server is
 * needed) answering with an OpenAI-compatible LLM, shown by `withLlamaIndexSteps` from
 * `edgelit/llamaindex`: the query, its retrieval (the notes as "Source N" elements), the
 * synthesis and the LLM call are nested steps, and the answer streams into a message. Set
 * `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_MODEL` in .dev.vars.
 */

import { env } from "cloudflare:workers";
import { Settings } from "@llamaindex/core/global";
import type { QueryBundle } from "@llamaindex/core/query-engine";
import { RetrieverQueryEngine } from "@llamaindex/core/query-engine";
import { getResponseSynthesizer } from "@llamaindex/core/response-synthesizers";
import { BaseRetriever } from "@llamaindex/core/retriever";
import { type NodeWithScore, TextNode } from "@llamaindex/core/schema";
import { OpenAI } from "@llamaindex/openai";
import * as cl from "edgelit";
import { withLlamaIndexSteps } from "edgelit/llamaindex";

const NOTES = [
  {
    file: "runtime.md",
    text: "Each Edgelit chat is a Durable Object with hibernatable WebSockets.",
  },
  { file: "storage.md", text: "History lives in D1, files in R2, the session in DO SQLite." },
  { file: "ui.md", text: "The web UI is Solid, served from Workers static assets." },
];

/** Scores each note by the question's words it contains; keeps the two best. */
class KeywordRetriever extends BaseRetriever {
  // BaseRetriever's constructor is protected: a public one makes the class constructible.
  // biome-ignore lint/complexity/noUselessConstructor: widens the protected constructor
  constructor() {
    super();
  }

  override async _retrieve({ query }: QueryBundle): Promise<NodeWithScore[]> {
    const text = typeof query === "string" ? query : JSON.stringify(query);
    const words = text
      .toLowerCase()
      .split(/\W+/)
      .filter((w) => w.length > 3);
    return NOTES.map((n) => ({
      node: new TextNode({ text: n.text, metadata: { file_name: n.file } }),
      score: words.filter((w) => n.text.toLowerCase().includes(w)).length / (words.length || 1),
    }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 2);
  }
}

cl.onMessage(async (message) => {
  if (!env.OPENAI_API_KEY) {
    await new cl.Message("Set OPENAI_API_KEY in .dev.vars to use the LlamaIndex example.").send();
    return;
  }
  const llm = new OpenAI({
    model: env.OPENAI_MODEL || "gpt-4o-mini",
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL || undefined,
  });
  const engine = new RetrieverQueryEngine(
    new KeywordRetriever(),
    getResponseSynthesizer("compact", { llm }),
  );
  const answer = new cl.Message("");
  await withLlamaIndexSteps(() =>
    Settings.withLLM(llm, async () => {
      const stream = await engine.query({ query: message.content, stream: true });
      for await (const chunk of stream) await answer.streamToken(chunk.delta);
    }),
  );
  await answer.send();
});
