/**
 * LangChain.js: a small retrieval chain (a keyword retriever over a few notes, a prompt,
 * ChatOpenAI) shown as nested steps by `LangChainCallbackHandler` from `edgelit/langchain`; the
 * retrieved notes are "Source N" elements of the retriever's step, and the answer streams into a
 * message. Any OpenAI-compatible server works (`OPENAI_API_KEY`, `OPENAI_BASE_URL`,
 * `OPENAI_MODEL` in .dev.vars).
 */

import { env } from "cloudflare:workers";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { BaseRetriever } from "@langchain/core/retrievers";
import { RunnablePassthrough, RunnableSequence } from "@langchain/core/runnables";
import { ChatOpenAI } from "@langchain/openai";
import * as cl from "edgelit";
import { LangChainCallbackHandler } from "edgelit/langchain";

const NOTES = [
  {
    source: "runtime.md",
    text: "Each Edgelit chat is a Durable Object with hibernatable WebSockets.",
  },
  { source: "storage.md", text: "History lives in D1, files in R2, the session in DO SQLite." },
  { source: "ui.md", text: "The web UI is Solid, served from Workers static assets." },
];

/** Returns the notes sharing a word with the question (all of them when none does). */
class Notes extends BaseRetriever {
  lc_namespace = ["edgelit", "examples"];
  override async _getRelevantDocuments(query: string): Promise<DocumentInterface[]> {
    const words = query
      .toLowerCase()
      .split(/\W+/)
      .filter((w) => w.length > 3);
    const hits = NOTES.filter((n) => words.some((w) => n.text.toLowerCase().includes(w)));
    return (hits.length ? hits : NOTES).map(
      (n) => new Document({ pageContent: n.text, metadata: { source: n.source } }),
    );
  }
}

const prompt = ChatPromptTemplate.fromMessages([
  ["system", "Answer from these notes:\n{context}"],
  ["human", "{question}"],
]);

cl.onMessage(async (message) => {
  if (!env.OPENAI_API_KEY) {
    await new cl.Message("Set OPENAI_API_KEY in .dev.vars to use the LangChain example.").send();
    return;
  }
  const model = new ChatOpenAI({
    model: env.OPENAI_MODEL || "gpt-4o-mini",
    apiKey: env.OPENAI_API_KEY,
    configuration: { baseURL: env.OPENAI_BASE_URL || undefined },
  });
  const chain = RunnableSequence.from([
    {
      context: new Notes().pipe((docs) => docs.map((d) => d.pageContent).join("\n")),
      question: new RunnablePassthrough(),
    },
    prompt,
    model,
    new StringOutputParser(),
  ]).withConfig({ runName: "answer" });
  const answer = new cl.Message("");
  const stream = await chain.stream(message.content, {
    callbacks: [new LangChainCallbackHandler()],
    signal: cl.context.signal,
  });
  for await (const chunk of stream) await answer.streamToken(chunk);
  await answer.send();
});
