import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { openaiVars, test } from "./fixtures.js";
import { type RunningApp, send, steps } from "./harness.js";

const it = test.extend(
  "chat",
  { scope: "file" },
  ({ openChat }) =>
    async (app: RunningApp, text: string): Promise<{ page: Page; answer: string }> => {
      const page = await openChat(app);
      const answers = async () =>
        (await steps(page)).filter((s) => s.startsWith("assistant_message:")).length;
      const before = await answers();
      await send(page, text);
      // The answer may stream and end faster than a check for the stop button: wait for the
      // answer to appear, then for the task to end.
      await expect.poll(answers, { timeout: 20_000 }).toBeGreaterThan(before);
      await page.locator("#stop-button").waitFor({ state: "hidden", timeout: 20_000 });
      const answer =
        (await steps(page)).filter((s) => s.startsWith("assistant_message:")).at(-1) ?? "";
      return { page, answer };
    },
);

describe("the default app (examples/assistant)", () => {
  it("streams from an OpenAI-compatible server with the conversation as context", async ({
    apps,
    openai,
    chat,
  }) => {
    const app = await apps.start("examples/assistant/app.ts", openaiVars(openai));
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

  it("answers with the labelled offline demo model when no key is set", async ({
    apps,
    openai,
    chat,
  }) => {
    const app = await apps.start("examples/assistant/app.ts");
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
