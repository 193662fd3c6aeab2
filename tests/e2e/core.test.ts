import { describe, expect } from "vitest";
import { openaiVars, test } from "./fixtures.js";
import { send, steps } from "./harness.js";

const it = test.extend("streaming", { scope: "file" }, ({ apps, openai }) =>
  apps.start("examples/streaming/app.ts", openaiVars(openai)),
);

describe("core, in a browser", () => {
  it("streams a reply from an OpenAI-compatible server and keeps it across a reload", async ({
    openChat,
    streaming,
  }) => {
    const page = await openChat(streaming);
    await send(page, "tokens:300");
    const expected = Array.from({ length: 300 }, (_, i) => (i ? ` t${i}` : "t0")).join("");
    await page.waitForFunction(
      (text) =>
        [
          ...document.querySelectorAll(
            '.step[data-step-type="assistant_message"] .message-content',
          ),
        ].some((e) => e.textContent?.trim() === text),
      expected,
      { timeout: 15_000 },
    );
    await expect.poll(() => page.url()).toMatch(/\/thread\/[0-9a-f-]{36}$/);
    await page.locator("#stop-button").waitFor({ state: "hidden" });
    const before = (await steps(page)).filter((s) => s.includes("_message:"));
    expect(before).toEqual(["user_message:tokens:300", `assistant_message:${expected}`]);
    await page.reload();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.step[data-step-type$="_message"]').length === n,
      2,
    );
    expect((await steps(page)).filter((s) => s.includes("_message:"))).toEqual(before);
    await page.close();
  });

  it("streams a 17 KB single-line answer exactly, frozen piece by piece", async ({
    openChat,
    streaming,
  }) => {
    const page = await openChat(streaming);
    const n = 3000;
    const expected = Array.from({ length: n }, (_, i) => (i ? ` t${i}` : "t0")).join("");
    // Paced so that even a loaded machine paints it many times while it streams.
    await send(page, `tokens:${n} rate:600 batch:10`);
    const answer = page.locator('.step[data-step-type="assistant_message"] .message-content');
    // While it streams, what is drawn is always a prefix of the answer: nothing doubled or lost
    // where the paragraph was cut.
    await page.locator(".stream-cursor").waitFor();
    let samples = 0;
    while (samples < 100 && (await page.locator(".stream-cursor").count()) > 0) {
      const drawn = ((await answer.textContent()) ?? "").trim();
      expect(expected.startsWith(drawn.replace(/\s+/g, " "))).toBe(true);
      samples++;
      await page.waitForTimeout(50);
    }
    expect(samples).toBeGreaterThan(3);
    await page.locator(".stream-cursor").waitFor({ state: "detached" });
    await expect.poll(async () => ((await answer.textContent()) ?? "").trim()).toBe(expected);
    // Over 8 KB, the paragraph continued in more than one box.
    expect(await answer.locator("p.md-continuation").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("shows the llm step of instrumentOpenAI and expands it", async ({ openChat, streaming }) => {
    const page = await openChat(streaming);
    await send(page, "hello steps");
    const header = page.locator("[id^='step-']").first();
    await header.waitFor();
    await expect.poll(() => header.textContent()).toMatch(/^Used /);
    await header.click();
    await expect
      .poll(() =>
        page.locator(".step[data-step-type='llm'] .message-content").first().textContent(),
      )
      .toContain("You said: hello steps");
    await page.close();
  });

  it("shows a long llm input cut in a reloaded thread, and all of it on demand", async ({
    openChat,
    streaming,
  }) => {
    const page = await openChat(streaming);
    const long = `${"lorem ipsum ".repeat(300)}LAST-WORDS`;
    await send(page, long);
    // The answer is finished (its tools show) before the reload.
    await page.locator(".step[data-step-type='assistant_message'] .message-tools").waitFor();
    await page.reload();
    const header = page.locator(".step[data-step-type='llm'] .step-toggle").first();
    await header.click();
    const input = page.locator(".step[data-step-type='llm'] .step-input").first();
    await expect.poll(() => input.textContent()).toContain("lorem ipsum");
    expect(await input.textContent()).not.toContain("LAST-WORDS");
    await page.locator(".step-show-all").click();
    await expect.poll(() => input.textContent()).toContain("LAST-WORDS");
    await page.locator(".step-show-all").waitFor({ state: "detached" });
    await page.close();
  });

  it("stops a task: the stop button hides, output ends, the notice shows, the next message works", async ({
    apps,
    openChat,
  }) => {
    const app = await apps.start("examples/stop/app.ts");
    const page = await openChat(app);
    await send(page, "count");
    await page.locator("#stop-button").waitFor({ state: "visible" });
    await page.waitForFunction(() =>
      (
        document.querySelector('.step[data-step-type="assistant_message"] .message-content')
          ?.textContent ?? ""
      ).includes("3 "),
    );
    await page.locator("#stop-button").click();
    await page.locator("#stop-button").waitFor({ state: "hidden" });
    await expect
      .poll(async () => (await steps(page)).join("\n"))
      .toContain("Task manually stopped.");
    const counted = await page
      .locator('.step[data-step-type="assistant_message"] .message-content')
      .first()
      .textContent();
    await page.waitForTimeout(500);
    expect(
      await page
        .locator('.step[data-step-type="assistant_message"] .message-content')
        .first()
        .textContent(),
    ).toBe(counted);
    await expect
      .poll(async () => (await steps(page)).join("\n"))
      .toContain("Stopped: ask me something else.");
    await page.close();
  });

  it("expands nested steps of the steps example", async ({ apps, openChat }) => {
    const app = await apps.start("examples/steps/app.ts");
    const page = await openChat(app);
    await send(page, "edge runtimes");
    await expect
      .poll(async () => (await steps(page)).join("\n"), { timeout: 10_000 })
      .toContain("Done: Summary of: 3 results");
    const research = page.locator("#step-research");
    await expect.poll(() => research.textContent()).toBe("Used research");
    await research.click();
    await page.locator("#step-search").waitFor();
    expect(await page.locator("#step-search").textContent()).toBe("Used search");
    await page.close();
  });
});
