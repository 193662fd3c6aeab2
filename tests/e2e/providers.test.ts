/**
 * The provider integrations in a browser, each in an app run by `edgelit run`: the anthropic and
 * mistral examples against loopback servers speaking their APIs (their real client libraries),
 * the ai-sdk example (`sendStream`) against the loopback OpenAI server, and a Workers AI fixture
 * (workers-ai-app.ts: a stand-in binding, as local dev has no Workers AI). The user sees the
 * streamed answer, opens the call's step by its toggle and reads its input and output.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { startFakeAnthropic } from "../helpers/anthropic-server.js";
import { startFakeMistral } from "../helpers/mistral-server.js";
import { openaiVars, test } from "./fixtures.js";
import { type RunningApp, send } from "./harness.js";

const it = test
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
  .extend("anthropic", { scope: "file" }, async ({}, { onCleanup }) => {
    const server = await startFakeAnthropic();
    onCleanup(() => server.close());
    return server;
  })
  // biome-ignore lint/correctness/noEmptyPattern: as above.
  .extend("mistral", { scope: "file" }, async ({}, { onCleanup }) => {
    const server = await startFakeMistral();
    onCleanup(() => server.close());
    return server;
  });
const running: Record<string, RunningApp> = {};

/** The last assistant message's text once the run is over and its cursor gone. */
async function lastAnswer(page: Page): Promise<string> {
  await page.locator("#stop-button").waitFor({ state: "hidden", timeout: 30_000 });
  await page.locator(".stream-cursor").waitFor({ state: "detached" });
  const last = page.locator('.step[data-step-type="assistant_message"]').last();
  return ((await last.locator(".message-content").first().textContent()) ?? "").trim();
}

/**
 * Opens the step toggle `#step-NAME` (for an `llm` step NAME is the model) and returns the
 * step's input and output as shown.
 */
async function openStep(page: Page, type: string, name: string) {
  const toggle = page.locator(`[id="step-${name}"]`).last();
  await expect.poll(() => toggle.textContent(), { timeout: 20_000 }).toBe(`Used ${name}`);
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  const step = page.locator(`.step[data-step-type="${type}"]`).last();
  const input = step.locator(".step-input");
  const output = step.locator(".step-output");
  await output.waitFor();
  return {
    input: async () => (await input.textContent()) ?? "",
    output: async () => (await output.textContent()) ?? "",
  };
}

describe("provider integrations, in a browser", () => {
  // Started one after the other before the tests: bundling an app takes tens of seconds here.
  it.beforeAll(async ({ apps, anthropic }) => {
    running.anthropic = await apps.start("examples/anthropic/app.ts", {
      ANTHROPIC_API_KEY: "test",
      ANTHROPIC_BASE_URL: anthropic.url,
    });
  });
  it.beforeAll(async ({ apps, mistral }) => {
    running.mistral = await apps.start("examples/mistral/app.ts", {
      MISTRAL_API_KEY: "test",
      MISTRAL_SERVER_URL: mistral.url,
    });
  });
  it.beforeAll(async ({ apps, openai }) => {
    running["ai-sdk"] = await apps.start("examples/ai-sdk/app.ts", openaiVars(openai));
  });
  it.beforeAll(async ({ apps }) => {
    running["workers-ai"] = await apps.start("tests/e2e/workers-ai-app.ts");
  });

  it("instrumentAnthropic: Claude's streamed answer; its llm step shows model, input and output", async ({
    openChat,
  }) => {
    const page = await openChat(running.anthropic!);
    await send(page, "hello claude");
    await expect.poll(() => lastAnswer(page), { timeout: 30_000 }).toBe("You said: hello claude");
    const step = await openStep(page, "llm", "claude-sonnet-4-5");
    await expect.poll(step.input).toContain("hello claude");
    await expect.poll(step.output).toContain("You said: hello claude");
    await page.close();
  });

  it("instrumentMistral: Mistral's streamed answer; its llm step shows model, input and output", async ({
    openChat,
  }) => {
    const page = await openChat(running.mistral!);
    await send(page, "hello mistral");
    await expect.poll(() => lastAnswer(page), { timeout: 30_000 }).toBe("You said: hello mistral");
    const step = await openStep(page, "llm", "mistral-small-latest");
    await expect.poll(step.input).toContain("hello mistral");
    await expect.poll(step.output).toContain("You said: hello mistral");
    await page.close();
  });

  it("ai-sdk sendStream: the clock tool call is a tool step with its arguments and result", async ({
    openChat,
  }) => {
    const page = await openChat(running["ai-sdk"]!);
    await send(page, "what time is it in Paris");
    // The model calls the tool, then answers with what the tool returned.
    await expect.poll(() => lastAnswer(page), { timeout: 30_000 }).toMatch(/^Tool said: .*now/);
    const step = await openStep(page, "tool", "clock");
    await expect.poll(step.input).toContain("Europe/Paris");
    await expect.poll(step.output).toContain("now");
    await page.close();
  });

  it("instrumentWorkersAI: streamed and whole answers; each run's llm step shows model, input and output", async ({
    openChat,
  }) => {
    const page = await openChat(running["workers-ai"]!);
    const model = "@cf/meta/llama-3.1-8b-instruct";
    await send(page, "hello workers");
    await expect.poll(() => lastAnswer(page), { timeout: 30_000 }).toBe("You said: hello workers");
    const streamed = await openStep(page, "llm", model);
    await expect.poll(streamed.input).toContain("hello workers");
    await expect.poll(streamed.output).toContain("You said: hello workers");
    await send(page, "whole answer please");
    await expect
      .poll(() => lastAnswer(page), { timeout: 30_000 })
      .toBe("You said: whole answer please");
    await expect.poll(() => page.locator(`[id="step-${model}"]`).count()).toBe(2);
    const whole = await openStep(page, "llm", model);
    await expect.poll(whole.input).toContain("whole answer please");
    await expect.poll(whole.output).toContain("You said: whole answer please");
    await page.close();
  });
});
