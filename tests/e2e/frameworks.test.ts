/**
 * The framework integrations in a browser: each example app (langchain, llamaindex,
 * multi-agent) run by `edgelit run` against the loopback OpenAI server. The user opens the
 * nested steps; a retrieval's "Source 1" opens its text in the side panel; in the multi-agent
 * app the user interjects at a handoff and the next agent takes it into account.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import type { FakeOpenAI } from "../helpers/openai-server.js";
import { type Apps, openaiVars, test } from "./fixtures.js";
import { ROOT, type RunningApp, send } from "./harness.js";

const it = test;

/** Starts `examples/<name>` (with its wrangler.jsonc, if any) against the loopback server. */
function start(apps: Apps, openai: FakeOpenAI, example: string): Promise<RunningApp> {
  const own = join(ROOT, "examples", example, "wrangler.jsonc");
  const files: Record<string, string> = existsSync(own)
    ? { "wrangler.jsonc": readFileSync(own, "utf8") }
    : {};
  return apps.start(`examples/${example}/app.ts`, openaiVars(openai), files);
}

/** Opens the step toggle `#step-NAME` (the first one showing "Used NAME"). */
async function openStep(page: Page, name: string): Promise<void> {
  const toggle = page.locator(`[id="step-${name}"]`).first();
  await expect.poll(() => toggle.textContent(), { timeout: 20_000 }).toBe(`Used ${name}`);
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
}

/** The text of the last assistant message once the run is over. */
async function lastAnswer(page: Page): Promise<{ author: string; text: string }> {
  await page.locator("#stop-button").waitFor({ state: "hidden", timeout: 30_000 });
  const last = page.locator('.step[data-step-type="assistant_message"]').last();
  return {
    author: ((await last.locator(".message-author").textContent()) ?? "").trim(),
    text: ((await last.locator(".message-content").first().textContent()) ?? "").trim(),
  };
}

/** Clicks the "Source 1" link in a step's output and reads the side panel. */
async function openSource(page: Page): Promise<string> {
  await page.locator(".step-output .element-link", { hasText: "Source 1" }).first().click();
  // "Source N" elements are side elements: they open in the side view.
  await expect.poll(() => page.locator("#side-view-title").textContent()).toBe("Source 1");
  return (await page.locator("#side-view-content").textContent()) ?? "";
}

describe("framework integrations, in a browser", () => {
  // Started before the tests: bundling an app with its framework takes most of a minute.
  const running: Record<string, RunningApp> = {};
  for (const name of ["langchain", "llamaindex", "multi-agent"]) {
    it.beforeAll(async ({ apps, openai }) => {
      running[name] = await start(apps, openai, name);
    });
  }

  it("langchain: the chain's steps open; the retriever's Source 1 opens in the side panel", async ({
    openChat,
  }) => {
    const page = await openChat(running.langchain!);
    await send(page, "where does history live");
    await expect
      .poll(async () => (await lastAnswer(page)).text, { timeout: 30_000 })
      .toBe("You said: where does history live");
    await openStep(page, "answer");
    await openStep(page, "Notes");
    await openStep(page, "gpt-4o-mini");
    const llm = page.locator('.step[data-step-type="llm"] .step-output').first();
    await expect.poll(() => llm.textContent()).toContain("You said: where does history live");
    expect(await openSource(page)).toContain("History lives in D1");
    await page.close();
  });

  it("llamaindex: query > retrieve + synthesize > llm open; Source 1 is the best note", async ({
    openChat,
  }) => {
    const page = await openChat(running.llamaindex!);
    await send(page, "where does history live");
    await expect
      .poll(async () => (await lastAnswer(page)).text, { timeout: 30_000 })
      .toMatch(/^You said: /);
    await openStep(page, "query");
    await openStep(page, "retrieve");
    await openStep(page, "synthesize");
    await openStep(page, "gpt-4o-mini");
    expect(await openSource(page)).toContain("History lives in D1");
    await page.close();
  });

  it("multi-agent: agents hand the conversation on; an interjection at a handoff reaches the next agent", async ({
    openChat,
  }) => {
    const page = await openChat(running["multi-agent"]!);
    await send(page, "handoff researcher: what is edgelit?");
    // The triage agent hands to the researcher and the moderator asks for an interjection.
    await page.getByText("Handing over to the Researcher").waitFor({ timeout: 30_000 });
    // The researcher would answer itself; told to, it hands to the writer instead.
    await send(page, "handoff writer please");
    await page.getByText("Handing over to the Writer").waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => (await lastAnswer(page)).author, { timeout: 30_000 })
      .toBe("Writer");
    await openStep(page, "Triage");
    await openStep(page, "transfer_to_Researcher");
    await openStep(page, "Researcher");
    await openStep(page, "transfer_to_Writer");
    await openStep(page, "Writer");
    await page.close();
  });
});
