/**
 * `edgelit/openai-agents` through the real `@openai/agents` (chat-completions model on the real
 * `openai` client) against the loopback OpenAI server, in the Workers runtime: agent turns,
 * handoffs, tools and guardrails as the exact step tree, each agent the author of its text; a
 * throwing tool, a tripped guardrail and the user's stop.
 */
import {
  Agent,
  type InputGuardrail,
  InputGuardrailTripwireTriggered,
  OpenAIChatCompletionsModel,
  run,
  setTracingDisabled,
  tool,
} from "@openai/agents";
import OpenAI from "openai";
import { describe, expect, inject, it } from "vitest";
import { z } from "zod";
import * as cl from "../../durable-objects/sdk/index.js";
import { type SentRun, sendRun } from "../../integrations/openai-agents.js";
import { quiet } from "../helpers/wait.js";
import { installHooks, newChat } from "./harness.js";
import { named, outline, say } from "./step-tree.js";

setTracingDisabled(true);

const model = () =>
  new OpenAIChatCompletionsModel(
    new OpenAI({ apiKey: "test", baseURL: inject("openaiUrl") }),
    "fake-model",
  );

const getWeather = (answer: (city: string) => string) =>
  tool({
    name: "get_weather",
    description: "Weather of a city",
    parameters: z.object({ city: z.string() }),
    execute: async ({ city }) => answer(city),
  });

const noSecrets = (tripped: boolean): InputGuardrail => ({
  name: "no_secrets",
  execute: async () => ({ tripwireTriggered: tripped, outputInfo: { checked: true } }),
});

function agents(answer: (city: string) => string, guardrailTrips = false) {
  const weather = new Agent({
    name: "Weather agent",
    instructions: "Answer weather questions.",
    model: model(),
    tools: [getWeather(answer)],
  });
  return new Agent({
    name: "Triage",
    instructions: "Hand off to the right specialist.",
    model: model(),
    handoffs: [weather],
    inputGuardrails: [noSecrets(guardrailTrips)],
  });
}

describe("edgelit/openai-agents", () => {
  it("shows agent turns, the handoff, the tool and guardrail as steps; the answer by its agent", async () => {
    let sent: SentRun | undefined;
    installHooks({
      message: async (m) => {
        const result = await run(
          agents((city) => `sunny in ${city}`),
          m.content,
          {
            stream: true,
            signal: cl.context.signal,
          },
        );
        sent = await sendRun(result);
      },
    });
    const shown = await say("handoff weather: how is it in Paris?");
    shown.client.close();
    expect(outline(shown.steps)).toEqual([
      "run:Triage",
      "  tool:transfer_to_Weather_agent",
      "  run:no_secrets",
      "run:Weather agent",
      "  tool:get_weather",
      "assistant_message:Weather agent",
    ]);
    const handoff = named(shown.steps, "transfer_to_Weather_agent");
    expect(handoff.output).toBe("Triage handed off to Weather agent");
    const toolStep = named(shown.steps, "get_weather");
    expect(JSON.parse(toolStep.input ?? "")).toEqual({ city: "Paris" });
    expect(toolStep.output).toBe("sunny in Paris");
    const guardrail = named(shown.steps, "no_secrets");
    expect([guardrail.isError ?? false, JSON.parse(guardrail.output)]).toEqual([
      false,
      { checked: true },
    ]);
    expect(guardrail.metadata).toEqual({ guardrail: "input", tripwireTriggered: false });
    const answer = shown.steps.find((s) => s.type === "assistant_message");
    expect(answer?.output).toBe("Tool said: sunny in Paris");
    // The text streamed into the message as the model sent it.
    expect(shown.frames.some((f) => f.type === "delta" && f.id === answer?.id)).toBe(true);
    expect(named(shown.steps, "Weather agent", "run").metadata).toMatchObject({
      agent: "Weather agent",
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
    });
    expect(shown.steps.every((s) => !s.running)).toBe(true);
    expect([sent?.lastAgent, sent?.stopped, sent?.messages.length]).toEqual([
      "Weather agent",
      false,
      1,
    ]);
  });

  it("ends a throwing tool's step as an error, and the agent's answer still comes", async () => {
    installHooks({
      message: async (m) => {
        const weather = agents(() => {
          throw new Error("weather service down");
        });
        await sendRun(await run(weather, m.content, { stream: true }));
      },
    });
    const shown = await say("handoff weather: Paris?");
    shown.client.close();
    const toolStep = named(shown.steps, "get_weather");
    expect([toolStep.isError, toolStep.running]).toEqual([true, false]);
    expect(toolStep.output).toMatch(/^An error occurred while running the tool/);
    const answers = shown.steps.filter((s) => s.type === "assistant_message");
    expect(answers.map((s) => s.name)).toEqual(["Weather agent"]);
    expect(answers[0]?.output).toMatch(/^Tool said: An error occurred/);
  });

  it("shows a tripped input guardrail as an error step and throws its error to the author", async () => {
    installHooks({
      message: async (m) => {
        try {
          await sendRun(
            await run(
              agents(() => "sunny", true),
              m.content,
              { stream: true },
            ),
          );
        } catch (err) {
          const which = err instanceof InputGuardrailTripwireTriggered ? "guardrail" : "other";
          await new cl.Message(`refused (${which})`).send();
        }
      },
    });
    const shown = await say("handoff weather: my password is hunter2");
    shown.client.close();
    const guardrail = named(shown.steps, "no_secrets");
    expect([guardrail.isError, guardrail.metadata?.tripwireTriggered]).toEqual([true, true]);
    expect(guardrail.parentId).toBe(named(shown.steps, "Triage").id);
    expect(shown.steps.at(-1)?.output).toBe("refused (guardrail)");
    expect(shown.steps.every((s) => !s.running)).toBe(true);
  });

  it("stops reading and streaming when the user presses stop", async () => {
    let sent: SentRun | undefined;
    installHooks({
      message: async (m) => {
        const solo = new Agent({ name: "Talker", instructions: "Talk.", model: model() });
        sent = await sendRun(
          await run(solo, m.content, { stream: true, signal: cl.context.signal }),
        );
      },
    });
    const { client } = await newChat();
    client.send({ type: "message", id: "1", content: "slow" });
    await client.next((f) => f.type === "delta", 15_000);
    client.send({ type: "stop" });
    await client.idle(15_000);
    const stoppedAt = client.frames.length;
    await expect.poll(() => sent?.stopped, { timeout: 5000 }).toBe(true);
    await quiet(300);
    expect(client.frames.slice(stoppedAt).filter((f) => f.type === "delta")).toEqual([]);
    client.close();
  });
});
