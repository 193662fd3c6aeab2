/**
 * `edgelit/langchain` through the real `@langchain/core` and `@langchain/openai` (ChatOpenAI)
 * against the loopback OpenAI server (streaming, tool calls), in the Workers runtime: the exact
 * step tree, streamed tokens, Source elements, and tools/retrievers that throw or return a lot.
 */
import type { DocumentInterface } from "@langchain/core/documents";
import { Document } from "@langchain/core/documents";
import { type AIMessage, HumanMessage, type ToolMessage } from "@langchain/core/messages";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { BaseRetriever } from "@langchain/core/retrievers";
import {
  type RunnableConfig,
  RunnableLambda,
  RunnablePassthrough,
  RunnableSequence,
} from "@langchain/core/runnables";
import { tool } from "@langchain/core/tools";
import { ChatOpenAI } from "@langchain/openai";
import { describe, expect, inject, it } from "vitest";
import { z } from "zod";
import * as cl from "../../durable-objects/sdk/index.js";
import { LangChainCallbackHandler } from "../../integrations/langchain.js";
import { STEP_PREVIEW_CHARS } from "../../protocol/frames.js";
import { Client, installHooks } from "./harness.js";
import { named, outline, say } from "./step-tree.js";

const model = () =>
  new ChatOpenAI({
    model: "fake-model",
    apiKey: "test",
    configuration: { baseURL: inject("openaiUrl") },
    streamUsage: true,
  });

class Docs extends BaseRetriever {
  lc_namespace = ["edgelit", "test"];
  constructor(private readonly fail = false) {
    super();
  }
  override async _getRelevantDocuments(query: string): Promise<DocumentInterface[]> {
    if (this.fail) throw new Error(`index offline for ${query}`);
    return [
      new Document({ pageContent: "Edgelit runs on Workers.", metadata: { source: "a.md" } }),
      new Document({ pageContent: "Steps nest.", metadata: {} }),
    ];
  }
}

const weather = (output: (city: string) => string) =>
  tool(async ({ city }: { city: string }) => output(city), {
    name: "get_weather",
    description: "Weather of a city",
    schema: z.object({ city: z.string() }),
  });

/** One model turn, the tool it asked for, and the model again: a hand-written agent loop. */
const agent = (output: (city: string) => string) =>
  RunnableLambda.from(async (question: string, config?: RunnableConfig) => {
    const getWeather = weather(output);
    const first = [new HumanMessage(question)];
    const asked: AIMessage = await model().bindTools([getWeather]).invoke(first, config);
    const results: ToolMessage[] = [];
    for (const call of asked.tool_calls ?? []) {
      try {
        results.push(await getWeather.invoke(call, config));
      } catch (err) {
        return `the tool failed: ${(err as Error).message}`;
      }
    }
    const answer = await model().invoke([...first, asked, ...results], config);
    return String(answer.content);
  }).withConfig({ runName: "agent" });

describe("edgelit/langchain", () => {
  it("shows a streamed RAG chain as nested steps: retriever with Source elements, llm with usage", async () => {
    installHooks({
      message: async (m) => {
        const prompt = ChatPromptTemplate.fromMessages([
          ["system", "Context: {context}"],
          ["human", "{question}"],
        ]);
        const chain = RunnableSequence.from([
          {
            context: new Docs().pipe((docs) => docs.map((d) => d.pageContent).join("\n")),
            question: new RunnablePassthrough(),
          },
          prompt,
          model(),
          new StringOutputParser(),
        ]).withConfig({ runName: "rag" });
        const msg = new cl.Message({ content: "", author: "Bot" });
        const stream = await chain.stream(m.content, {
          callbacks: [new LangChainCallbackHandler()],
        });
        for await (const chunk of stream) await msg.streamToken(chunk);
        await msg.send();
      },
    });
    const shown = await say("what is edgelit");
    shown.client.close();
    expect(outline(shown.steps)).toEqual([
      "run:rag",
      "  retrieval:Docs",
      "  run:ChatPromptTemplate",
      "  llm:fake-model",
      "  run:StrOutputParser",
      "assistant_message:Bot",
    ]);
    const retrieval = named(shown.steps, "Docs");
    expect(retrieval.input).toBe("what is edgelit");
    expect(retrieval.output).toBe("Retrieved Source 1 (a.md), Source 2");
    expect(shown.elements.map((e) => [e.name, e.type, e.display, e.forId, e.content])).toEqual([
      ["Source 1", "text", "side", retrieval.id, "Edgelit runs on Workers."],
      ["Source 2", "text", "side", retrieval.id, "Steps nest."],
    ]);
    const llm = named(shown.steps, "fake-model");
    expect(llm.output).toBe("You said: what is edgelit");
    expect(JSON.parse(llm.input ?? "")).toEqual([
      { role: "system", content: "Context: Edgelit runs on Workers.\nSteps nest." },
      { role: "user", content: "what is edgelit" },
    ]);
    expect(llm.metadata).toMatchObject({
      provider: "openai",
      model: "fake-model",
      usage: { inputTokens: 15, outputTokens: 5, totalTokens: 20 },
    });
    // The tokens streamed into the llm step as they came, before it closed.
    const deltas = shown.frames.filter((f) => f.type === "delta" && f.id === llm.id);
    expect(deltas.length).toBeGreaterThan(0);
    expect(shown.steps.at(-1)?.output).toBe("You said: what is edgelit");
    expect(shown.steps.every((s) => !s.running)).toBe(true);
  });

  it("shows a tool call between two llm steps under the agent's run", async () => {
    installHooks({
      message: async (m) => {
        const handler = new LangChainCallbackHandler();
        const answer = await agent((city) => `sunny in ${city}`).invoke(m.content, {
          callbacks: [handler],
        });
        await new cl.Message(answer).send();
      },
    });
    const shown = await say("weather in Paris?");
    shown.client.close();
    expect(outline(shown.steps)).toEqual([
      "run:agent",
      "  llm:fake-model",
      "  tool:get_weather",
      "  llm:fake-model",
      "assistant_message:Assistant",
    ]);
    const [asked, answered] = shown.steps.filter((s) => s.type === "llm");
    expect(asked?.output).toBe('get_weather({"city":"Paris"})');
    const toolStep = named(shown.steps, "get_weather");
    expect(JSON.parse(toolStep.input ?? "")).toEqual({ city: "Paris" });
    expect(toolStep.output).toBe("sunny in Paris");
    expect(answered?.output).toBe("Tool said: sunny in Paris");
    expect(shown.steps.at(-1)?.output).toBe("Tool said: sunny in Paris");
  });

  it("ends a throwing tool's and retriever's steps as errors, and the message still ends", async () => {
    installHooks({
      message: async (m) => {
        const callbacks = [new LangChainCallbackHandler()];
        const answer = await agent(() => {
          throw new Error("weather service down");
        }).invoke(m.content, { callbacks });
        let retrieved = "";
        try {
          await new Docs(true).invoke("paris", { callbacks });
        } catch (err) {
          retrieved = (err as Error).message;
        }
        await new cl.Message(`${answer}; ${retrieved}`).send();
      },
    });
    const shown = await say("weather in Paris?");
    shown.client.close();
    const toolStep = named(shown.steps, "get_weather");
    expect([toolStep.isError, toolStep.output, toolStep.running]).toEqual([
      true,
      "weather service down",
      false,
    ]);
    const retrieval = named(shown.steps, "Docs");
    expect([retrieval.isError, retrieval.output]).toEqual([true, "index offline for paris"]);
    expect(shown.steps.at(-1)?.output).toBe(
      "the tool failed: weather service down; index offline for paris",
    );
    expect(shown.elements).toEqual([]);
  });

  it("caps a huge tool output like any step output: a preview in the snapshot, whole on demand", async () => {
    const huge = "w".repeat(300_000);
    installHooks({
      message: async (m) => {
        const answer = await agent(() => huge).invoke(m.content, {
          callbacks: [new LangChainCallbackHandler()],
        });
        await new cl.Message(`answer of ${answer.length} chars`).send();
      },
    });
    const shown = await say("weather in Paris?", 30_000);
    shown.client.close();
    expect(shown.steps.at(-1)?.output).toBe(
      `answer of ${"Tool said: ".length + huge.length} chars`,
    );
    const toolStep = named(shown.steps, "get_weather");
    const again = await Client.open(shown.sessionId, shown.visitor);
    const snapshot = await again.next((f) => f.type === "snapshot", 10_000, true);
    again.close();
    const kept = snapshot.type === "snapshot" ? snapshot.snapshot.steps : [];
    const preview = kept.find((s) => s.id === toolStep.id);
    expect(preview?.output.length).toBe(STEP_PREVIEW_CHARS);
    expect(preview?.truncated?.output).toBe(huge.length);
  });
});
