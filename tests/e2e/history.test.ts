/**
 * History and resume in a browser (issue 4): the sidebar of a public-mode visitor, opening,
 * searching, renaming and deleting threads, resume after reload, feedback kept across a
 * reload, and a server restart in the middle of a streamed answer.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { openaiVars, test } from "./fixtures.js";
import { type RunningApp, send, threadId } from "./harness.js";

const it = test
  .extend("echo", { scope: "file" }, ({ apps }) => apps.start("examples/echo/app.ts"))
  .extend(
    "visitor",
    { scope: "file" },
    ({ openChat }) =>
      /** A fresh browser profile: its own anonymous visitor cookie, so its own history. */
      async (app: RunningApp): Promise<{ context: BrowserContext; page: Page }> => {
        const page = await openChat(app, { context: { viewport: { width: 1280, height: 800 } } });
        return { context: page.context(), page };
      },
  );

const messages = (page: Page) =>
  page
    .locator('.step[data-step-type$="_message"] .message-content')
    .evaluateAll((els) => els.map((e) => (e.textContent ?? "").trim()));

async function say(page: Page, text: string, reply = `You said: ${text}`) {
  await send(page, text);
  await expect.poll(() => messages(page), { timeout: 15_000 }).toContain(reply);
}

async function newChat(page: Page) {
  await page.locator("#new-chat-button").click();
  await page.locator("#new-chat-dialog #confirm").click();
  await expect.poll(() => page.url()).toMatch(/\/$/);
}

describe("history, in a browser", () => {
  it("lists a visitor's thread after its first message and opens it whole", async ({
    echo,
    visitor,
  }) => {
    const { context, page } = await visitor(echo);
    await page.locator("#thread-history").waitFor();
    await say(page, "first question");
    await say(page, "first follow-up");
    const first = await threadId(page);
    await page.locator(`#thread-${first}`).waitFor({ timeout: 15_000 });
    expect(await page.locator(`#thread-${first}`).textContent()).toBe("first question");
    expect(await page.locator(`#thread-${first}`).getAttribute("aria-current")).toBe("page");

    await newChat(page);
    await say(page, "second question");
    const second = await threadId(page);
    await page.locator(`#thread-${second}`).waitFor({ timeout: 15_000 });

    await page.locator(`#thread-${first}`).click();
    await expect.poll(() => page.url()).toBe(`${echo.url}/thread/${first}`);
    await expect
      .poll(() => messages(page))
      .toEqual([
        "Hello! Send me anything and I will echo it.",
        "first question",
        "You said: first question",
        "first follow-up",
        "You said: first follow-up",
      ]);
    expect(await page.locator(`#thread-${first}`).getAttribute("aria-current")).toBe("page");
    // Back goes to the other thread again.
    await page.goBack();
    await expect.poll(() => messages(page)).toContain("You said: second question");

    // Another visitor sees none of it.
    const other = await visitor(echo);
    await other.page.waitForTimeout(500);
    expect(await other.page.locator(`#thread-${first}`).count()).toBe(0);
    await other.context.close();
    await context.close();
  });

  it("searches, renames and deletes threads", async ({ echo, visitor }) => {
    const { context, page } = await visitor(echo);
    await say(page, "apples are red");
    const apples = await threadId(page);
    await newChat(page);
    await say(page, "bananas are yellow");
    const bananas = await threadId(page);
    await page.locator(`#thread-${apples}`).waitFor({ timeout: 15_000 });

    await page.locator(".thread-search").fill("banana");
    await page.locator(`#thread-${apples}`).waitFor({ state: "detached" });
    expect(await page.locator(`#thread-${bananas}`).count()).toBe(1);
    await page.locator(".thread-search").fill("");
    await page.locator(`#thread-${apples}`).waitFor();

    await page.locator(`#thread-${apples}`).hover();
    await page.getByRole("button", { name: "Rename apples are red" }).click();
    await page.locator(".thread-rename").fill("Fruit notes");
    await page.locator(".thread-rename").press("Enter");
    await expect.poll(() => page.locator(`#thread-${apples}`).textContent()).toBe("Fruit notes");
    await page.reload();
    await expect
      .poll(() => page.locator(`#thread-${apples}`).textContent(), { timeout: 10_000 })
      .toBe("Fruit notes");

    await page.locator(`#thread-${apples}`).hover();
    await page.getByRole("button", { name: "Delete Fruit notes" }).click();
    await page.locator("#delete-thread-dialog").waitFor();
    await page.locator("#delete-thread-dialog button", { hasText: "Cancel" }).click();
    expect(await page.locator(`#thread-${apples}`).count()).toBe(1);
    await page.locator(`#thread-${apples}`).hover();
    await page.getByRole("button", { name: "Delete Fruit notes" }).click();
    await page.locator("#delete-thread-dialog #confirm").click();
    await page.locator(`#thread-${apples}`).waitFor({ state: "detached" });
    const res = await page.request.get(`${echo.url}/api/threads/${apples}`);
    expect(res.status()).toBe(404);
    await context.close();
  });

  it("resumes a thread after a reload and continues it", async ({ echo, visitor }) => {
    const { context, page } = await visitor(echo);
    await say(page, "remember me");
    const id = await threadId(page);
    await page.reload();
    await expect.poll(() => messages(page)).toContain("You said: remember me");
    await say(page, "still here");
    expect(await threadId(page)).toBe(id);
    await page.goto(`${echo.url}/thread/${id}`);
    await expect
      .poll(() => messages(page))
      .toEqual([
        "Hello! Send me anything and I will echo it.",
        "remember me",
        "You said: remember me",
        "still here",
        "You said: still here",
      ]);
    await context.close();
  });

  it("stores feedback and shows it again after a reload", async ({ echo, visitor }) => {
    const { context, page } = await visitor(echo);
    await say(page, "rate this");
    const answer = page.locator('.step[data-step-type="assistant_message"]', {
      hasText: "You said: rate this",
    });
    await answer.locator(".positive-feedback-off").click();
    await page.locator("#feedbackDescription").fill("clear and short");
    await page.locator("#submit-feedback").click();
    await answer.locator(".positive-feedback-on").waitFor();
    expect(await answer.locator(".negative-feedback-off").count()).toBe(1);
    // Wait for the session's batch to reach D1, then read it back from a fresh page.
    await page.waitForTimeout(1500);
    await page.reload();
    const again = page.locator('.step[data-step-type="assistant_message"]', {
      hasText: "You said: rate this",
    });
    await again.locator(".positive-feedback-on").waitFor({ timeout: 10_000 });
    await again.locator(".positive-feedback-on").click();
    expect(await page.locator("#feedbackDescription").inputValue()).toBe("clear and short");
    // Changing it to a thumbs down is stored too.
    await page.locator("#feedbackDescription").fill("");
    await page.locator("#submit-feedback").click();
    await again.locator(".negative-feedback-off").click();
    await page.locator("#submit-feedback").click();
    await again.locator(".negative-feedback-on").waitFor();
    await page.reload();
    await page
      .locator('.step[data-step-type="assistant_message"]', { hasText: "You said: rate this" })
      .locator(".negative-feedback-on")
      .waitFor({ timeout: 10_000 });
    await context.close();
  });

  it("keeps the conversation and the history through a server restart mid-stream", async ({
    apps,
    openai,
    visitor,
  }) => {
    const app = await apps.start("examples/streaming/app.ts", openaiVars(openai));
    const { context, page } = await visitor(app);
    await say(page, "warm up", "You said: warm up");
    await send(page, "tokens:400 rate:100");
    const id = await threadId(page);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.step[data-step-type="assistant_message"] .message-content')]
        .map((e) => e.textContent ?? "")
        .some((t) => t.includes(" t20")),
    );
    await app.restart();
    await page.locator("#stop-button").waitFor({ state: "hidden", timeout: 30_000 });
    await page.locator(`#thread-${id}`).waitFor({ timeout: 30_000 });

    await page.reload();
    await page.locator(`#thread-${id}`).waitFor({ timeout: 15_000 });
    const texts = await messages(page);
    expect(texts.slice(0, 4)).toEqual([
      "warm up",
      "You said: warm up",
      "tokens:400 rate:100",
      texts[3],
    ]);
    const tokens = (texts[3] ?? "").split(/\s+/);
    expect(tokens[0]).toBe("t0");
    expect(new Set(tokens).size).toBe(tokens.length);
    if (tokens.length < 400) await page.locator(".interrupted-badge").first().waitFor();
    // The session still answers.
    await say(page, "after the restart", "You said: after the restart");
    await context.close();
  });
});
