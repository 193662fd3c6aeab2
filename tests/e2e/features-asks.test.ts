import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { file, waitForStep } from "./features.js";
import { test } from "./fixtures.js";
import { send, steps } from "./harness.js";

const it = test
  .extend("app", { scope: "file" }, ({ apps }) => apps.example("asks"))
  .extend(
    "named",
    { scope: "file" },
    ({ app, openChat }) =>
      /** A page past the name question of the asks example. */
      async (name = "Ada"): Promise<Page> => {
        const page = await openChat(app);
        await waitForStep(page, "What is your name?");
        await send(page, name);
        await waitForStep(page, `Hello ${name}!`);
        return page;
      },
  );

describe("asks, in a browser", () => {
  it("answers an AskUserMessage from the composer, without running onMessage", async ({
    named,
  }) => {
    const page = await named();
    const all = await steps(page);
    expect(all).toContain("user_message:Ada");
    expect(all.join("\n")).not.toContain("onMessage:");
    await send(page, "after");
    await waitForStep(page, "onMessage: after");
    await page.close();
  });

  it("keeps an AskActionMessage across a reload and shows what was selected", async ({ named }) => {
    const page = await named();
    await expect.poll(() => page.url()).toMatch(/\/thread\/[0-9a-f-]{36}$/);
    await send(page, "choose");
    await page.locator("button#continue").waitFor();
    await page.reload();
    await page.locator("#chat-input").waitFor();
    await page.locator("button#continue").waitFor();
    expect(await page.locator("button#cancel").count()).toBe(1);
    await page.locator("button#continue").click();
    await waitForStep(page, "You chose continue.");
    await waitForStep(page, "Selected: Continue");
    await page.locator("button#continue").waitFor({ state: "detached" });
    await page.close();
  });

  it("uploads the answer of an AskFileMessage through #ask-upload-button", async ({ named }) => {
    const page = await named();
    await send(page, "file");
    await page.locator("#ask-upload-button").waitFor();
    await page.locator("#ask-button-input").setInputFiles(file("hello.txt", "Hello, world!"));
    await waitForStep(page, "hello.txt uploaded, it contains 13 characters!");
    await page.locator("#ask-upload-button").waitFor({ state: "detached" });
    await page.close();
  });

  it("times out a question: the prompt goes, the app goes on", async ({ named }) => {
    const page = await named();
    await send(page, "quick");
    await waitForStep(page, "Answer within 2 seconds!");
    await waitForStep(page, "Too slow, the question timed out.", 10_000);
    await send(page, "next");
    await waitForStep(page, "onMessage: next");
    await page.close();
  });

  it("ends a question cut off by a server restart with a notice; the chat stays usable", async ({
    app,
    named,
  }) => {
    const page = await named();
    await send(page, "choose");
    await page.locator("button#continue").waitFor();
    await app.restart();
    await waitForStep(page, "The server restarted while waiting for your answer", 60_000);
    await page.locator("button#continue").waitFor({ state: "detached" });
    await send(page, "still here");
    await waitForStep(page, "onMessage: still here");
    await page.close();
  });
});
