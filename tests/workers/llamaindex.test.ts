/**
 * `edgelit/llamaindex` through the real `@llamaindex/core` query engine and `@llamaindex/openai`
 * LLM against the loopback OpenAI server, in the Workers runtime: the query's step tree with
 * Source elements, streamed tokens and usage; a retriever that throws; and the `llamaindex`
 * umbrella package loading in workerd with the same Settings the integration scopes.
 */
import { CallbackManager, Settings } from "@llamaindex/core/global";
import { RetrieverQueryEngine } from "@llamaindex/core/query-engine";
import { getResponseSynthesizer } from "@llamaindex/core/response-synthesizers";
import { BaseRetriever } from "@llamaindex/core/retriever";
import { type NodeWithScore, TextNode } from "@llamaindex/core/schema";
import { OpenAI } from "@llamaindex/openai";
import { describe, expect, inject, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { withLlamaIndexSteps } from "../../integrations/llamaindex.js";
import { installHooks } from "./harness.js";
import { named, outline, say } from "./step-tree.js";

class Notes extends BaseRetriever {
  constructor(private readonly fail = false) {
    super();
  }
  override async _retrieve(): Promise<NodeWithScore[]> {
    if (this.fail) throw new Error("vector store offline");
    return [
      {
        node: new TextNode({ text: "Edgelit runs on Workers.", metadata: { file_name: "a.md" } }),
        score: 0.9,
      },
      { node: new TextNode({ text: "Steps nest." }), score: 0.5 },
    ];
  }
}

function engine(fail = false) {
  const llm = new OpenAI({ model: "gpt-4o-mini", apiKey: "test", baseURL: inject("openaiUrl") });
  return {
    llm,
    engine: new RetrieverQueryEngine(new Notes(fail), getResponseSynthesizer("compact", { llm })),
  };
}

describe("edgelit/llamaindex", () => {
  it("shows a streamed query as query > retrieve (Source elements) + synthesize > llm", async () => {
    installHooks({
      message: async (m) => {
        const { llm, engine: queries } = engine();
        const answer = new cl.Message({ content: "", author: "Llama" });
        await withLlamaIndexSteps(() =>
          Settings.withLLM(llm, async () => {
            const stream = await queries.query({ query: m.content, stream: true });
            for await (const chunk of stream) await answer.streamToken(chunk.delta);
          }),
        );
        await answer.send();
      },
    });
    const shown = await say("what is edgelit");
    shown.client.close();
    expect(outline(shown.steps)).toEqual([
      "run:query",
      "  retrieval:retrieve",
      "  run:synthesize",
      "    llm:gpt-4o-mini",
      "assistant_message:Llama",
    ]);
    const retrieval = named(shown.steps, "retrieve");
    expect(retrieval.input).toBe("what is edgelit");
    expect(retrieval.output).toBe("Retrieved Source 1 (a.md, score 0.90), Source 2 (score 0.50)");
    expect(shown.elements.map((e) => [e.name, e.forId, e.content])).toEqual([
      ["Source 1", retrieval.id, "Edgelit runs on Workers."],
      ["Source 2", retrieval.id, "Steps nest."],
    ]);
    const llm = named(shown.steps, "gpt-4o-mini");
    const prompt = JSON.parse(llm.input ?? "[]") as { role: string; content: string }[];
    expect(prompt.at(-1)?.content).toContain("Edgelit runs on Workers.");
    expect(llm.output).toBe(shown.steps.at(-1)?.output);
    expect(llm.output).toMatch(/^You said: /);
    expect(shown.frames.some((f) => f.type === "delta" && f.id === llm.id)).toBe(true);
    expect(llm.metadata).toMatchObject({ provider: "llamaindex", model: "gpt-4o-mini" });
    expect(shown.steps.every((s) => !s.running)).toBe(true);
  });

  it("ends a throwing retriever's step (and its query's) as errors; the message still ends", async () => {
    installHooks({
      message: async (m) => {
        const { llm, engine: queries } = engine(true);
        try {
          await withLlamaIndexSteps(() =>
            Settings.withLLM(llm, () => queries.query({ query: m.content })),
          );
        } catch (err) {
          await new cl.Message(`sorry: ${(err as Error).message}`).send();
        }
      },
    });
    const shown = await say("what is edgelit");
    shown.client.close();
    expect(outline(shown.steps)).toEqual([
      "run:query",
      "  retrieval:retrieve",
      "assistant_message:Assistant",
    ]);
    const retrieval = named(shown.steps, "retrieve");
    expect([retrieval.isError, retrieval.output, retrieval.running]).toEqual([
      true,
      "vector store offline",
      false,
    ]);
    expect(named(shown.steps, "query").isError).toBe(true);
    expect(shown.steps.at(-1)?.output).toBe("sorry: vector store offline");
  });

  it("loads the llamaindex umbrella package in workerd, scoping @llamaindex/core's callback manager", async () => {
    const umbrella = await import("llamaindex");
    const manager = new CallbackManager();
    // Compared by identity only: printing a Settings object reads its throwing `llm` getter.
    const seen = umbrella.Settings.withCallbackManager(manager, () => Settings.callbackManager);
    expect(seen === manager).toBe(true);
  });
});
