import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../helpers/openai-server.js";
import { appDir, launchBrowser, type RunningApp, send, startApp, steps } from "./harness.js";

let browser: Browser;
let openai: FakeOpenAI;
const apps: RunningApp[] = [];

beforeAll(async () => {
  [browser, openai] = await Promise.all([launchBrowser(), startFakeOpenAI()]);
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  await browser?.close();
  await openai?.close();
});

async function chat(app: RunningApp, text: string): Promise<{ page: Page; answer: string }> {
  const page = await browser.newPage();
  await page.goto(app.url);
  await page.locator("#chat-input").waitFor();
  const answers = async () =>
    (await steps(page)).filter((s) => s.startsWith("assistant_message:")).length;
  const before = await answers();
  await send(page, text);
  // The answer may stream and end faster than a check for the stop button: wait for the
  // answer to appear, then for the task to end.
  await expect.poll(answers, { timeout: 20_000 }).toBeGreaterThan(before);
  await page.locator("#stop-button").waitFor({ state: "hidden", timeout: 20_000 });
  const answer = (await steps(page)).filter((s) => s.startsWith("assistant_message:")).at(-1) ?? "";
  return { page, answer };
}

describe("the default app (examples/assistant)", () => {
  it("streams from an OpenAI-compatible server with the conversation as context", async () => {
    const app = await startApp(
      appDir("examples/assistant/app.ts", { OPENAI_API_KEY: "test", OPENAI_BASE_URL: openai.url }),
    );
    apps.push(app);
    const before = openai.stats.requests;
    const { page, answer } = await chat(app, "hello model");
    expect(answer).toBe("assistant_message:You said: hello model");
    expect(openai.stats.requests).toBe(before + 1);
    const body = openai.stats.bodies.at(-1) as {
      stream: boolean;
      messages: { role: string; content: string }[];
    };
    expect(body.stream).toBe(true);
    expect(body.messages.at(-1)).toEqual({ role: "user", content: "hello model" });
    expect(body.messages[0]?.role).toBe("system");
    // instrumentOpenAI shows the completion as an llm step.
    await page.locator(".step[data-step-type='llm']").first().waitFor();
    await page.close();
  });

  it("answers with the labelled offline demo model when no key is set", async () => {
    const app = await startApp(appDir("examples/assistant/app.ts"));
    apps.push(app);
    const before = openai.stats.requests;
    const { page, answer } = await chat(app, "no key here");
    expect(answer).toContain("Offline demo model");
    expect(answer).toContain("no key here");
    expect(openai.stats.requests).toBe(before);
    expect(
      await page.locator("#step-Offline\\ demo\\ model, [id='step-Offline demo model']").count(),
    ).toBeGreaterThan(0);
    await page.close();
  });
});
