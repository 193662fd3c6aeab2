/**
 * The chat UI in a browser (issue 3): theme, `?prompt=`, XSS, refused messages, profiles,
 * reconnection after the server drops mid-stream, and screenshots of the main screen.
 * Streaming text, steps and stop are covered in core.test.ts.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { openaiVars, test } from "./fixtures.js";
import { ARTIFACTS, send, steps } from "./harness.js";

/** The page size of this file's pages and screenshots. */
const viewport = { width: 1280, height: 800 };

const it = test.extend("echo", { scope: "file" }, ({ apps }) => apps.start("examples/echo/app.ts"));

const assistantTexts = (page: Page) =>
  page
    .locator('.step[data-step-type="assistant_message"] .message-content')
    .evaluateAll((els) => els.map((e) => (e.textContent ?? "").trim()));

describe("the chat UI, in a browser", () => {
  it("toggles the theme and keeps it across a reload", async ({ openChat, echo }) => {
    const page = await openChat(echo, { viewport });
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const before = await theme();
    expect(before === "light" || before === "dark").toBe(true);
    await page.locator("#theme-toggle").click();
    const after = await theme();
    expect(after).toBe(before === "light" ? "dark" : "light");
    await page.reload();
    await page.locator("#chat-input").waitFor();
    expect(await theme()).toBe(after);
    await page.locator("#theme-toggle").click();
    expect(await theme()).toBe(before);
    await page.close();
  });

  it("pre-fills and focuses the composer from ?prompt=", async ({ openChat, echo }) => {
    const page = await openChat(echo, { path: "/?prompt=hello", viewport });
    expect(await page.locator("#chat-input").inputValue()).toBe("hello");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("chat-input");
    await page.close();
  });

  it("keeps script payloads inert in user messages and assistant markdown", async ({
    openChat,
    echo,
  }) => {
    const page = await openChat(echo, { viewport });
    const payloads = [
      "<script>window.__xss=1</script>",
      '<img src=x onerror="window.__xss=1">',
      "[a](javascript:window.__xss=1)",
      "[d](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    ];
    for (const [i, payload] of payloads.entries()) {
      await send(page, payload);
      await expect.poll(async () => (await assistantTexts(page)).length).toBe(i + 2);
    }
    const users = await page
      .locator('.step[data-step-type="user_message"] .message-content')
      .allTextContents();
    expect(users).toEqual(payloads);
    // Raw HTML shows as text, no element made from it.
    expect(await assistantTexts(page)).toContain(`You said: ${payloads[0]}`);
    expect(await page.locator(".messages script, .messages img[onerror]").count()).toBe(0);
    for (const name of ["a", "d"]) {
      const link = page.locator(".message-content a", { hasText: new RegExp(`^${name}$`) });
      const href = (await link.count()) ? await link.first().getAttribute("href") : null;
      expect(href ?? "").not.toMatch(/^\s*(javascript|data):/i);
      if (await link.count()) await link.first().click();
    }
    await page.waitForTimeout(300);
    expect(page.url()).toMatch(/\/thread\//);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    await page.close();
  });

  it("shows a refused message's reason in the composer and does not leave it pending", async ({
    apps,
    openChat,
  }) => {
    const app = await apps.start(
      "examples/echo/app.ts",
      {},
      {
        "config.toml":
          "[project]\nmax_message_chars = 20\n[project.rate_limit]\nmessages_per_minute = 2\n",
      },
    );
    const page = await openChat(app, { viewport });
    await send(page, "x".repeat(40));
    const alert = page.locator(".composer-alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("limit is 20");
    expect(await page.locator('.step[data-step-type="user_message"]').count()).toBe(0);
    await send(page, "one");
    await alert.waitFor({ state: "hidden" });
    await expect.poll(() => assistantTexts(page)).toContain("You said: one");
    await send(page, "two");
    await expect.poll(() => assistantTexts(page)).toContain("You said: two");
    await send(page, "three");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/./);
    await page.waitForTimeout(500);
    const users = await page
      .locator('.step[data-step-type="user_message"] .message-content')
      .allTextContents();
    expect(users).toEqual(["one", "two"]);
    await page.close();
  });

  it("asks before switching the chat profile of a chat with messages", async ({
    apps,
    openChat,
  }) => {
    const app = await apps.start("examples/profiles-starters/app.ts");
    const page = await openChat(app, { viewport });
    await send(page, "hi");
    await expect.poll(() => assistantTexts(page)).toContain("[Helper] hi");
    await page.locator("#chat-profiles").selectOption("Pirate");
    await page.locator("#new-chat-dialog").waitFor();
    await page.locator("#new-chat-dialog button", { hasText: "Cancel" }).click();
    expect(await page.locator("#chat-profiles").inputValue()).toBe("Helper");
    expect(await assistantTexts(page)).toContain("[Helper] hi");
    await page.locator("#chat-profiles").selectOption("Pirate");
    await page.locator("#new-chat-dialog #confirm").click();
    await expect.poll(() => page.locator(".step").count()).toBe(0);
    await send(page, "ahoy");
    await expect.poll(() => assistantTexts(page)).toContain("[Pirate] ahoy");
    await page.close();
  });
});

describe("streaming through a server restart", () => {
  it("shows each token exactly once after the socket drops mid-stream", async ({
    apps,
    openai,
    openChat,
  }) => {
    const app = await apps.start("examples/streaming/app.ts", openaiVars(openai));
    const page = await openChat(app, { viewport });
    await send(page, "tokens:400 rate:100");
    const answer = page.locator('.step[data-step-type="assistant_message"] .message-content');
    await page.waitForFunction(() =>
      (
        document.querySelector('.step[data-step-type="assistant_message"] .message-content')
          ?.textContent ?? ""
      ).includes(" t20"),
    );
    await app.restart();
    await page.locator("#session-error").waitFor({ state: "hidden", timeout: 30_000 });
    await page.locator("#stop-button").waitFor({ state: "hidden", timeout: 30_000 });
    const text = (await answer.first().textContent())?.trim() ?? "";
    const tokens = text.split(/\s+/);
    expect(new Set(tokens).size).toBe(tokens.length);
    const full = Array.from({ length: 400 }, (_, i) => `t${i}`);
    expect(tokens).toEqual(full.slice(0, tokens.length));
    if (tokens.length < 400) {
      await page.locator(".interrupted-badge").first().waitFor();
    }
    // One answer (a notice may follow it), and nothing streamed into a second copy.
    const answers = (await steps(page)).filter((s) => s.startsWith("assistant_message:t0"));
    expect(answers).toHaveLength(1);
    await page.close();
  });
});

describe("screenshots", () => {
  it("writes the main screen in light and dark to tests/artifacts", async ({
    apps,
    openai,
    openChat,
  }) => {
    const app = await apps.start("examples/streaming/app.ts", openaiVars(openai));
    const page = await openChat(app, { viewport });
    await send(page, "Show me **bold**, `code` and a list:\n\n- one\n- two");
    await page.locator("#stop-button").waitFor({ state: "hidden" });
    await expect.poll(async () => (await assistantTexts(page)).length).toBe(1);
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const theme of ["light", "dark"]) {
      // Through the toggle, so its icon matches the theme in the picture.
      if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) {
        await page.locator("#theme-toggle").click();
      }
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(ARTIFACTS, `screenshot-${theme}.png`) });
    }
    await page.close();
  });
});
