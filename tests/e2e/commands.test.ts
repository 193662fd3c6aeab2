import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { waitForStep } from "./features.js";
import { test } from "./fixtures.js";
import { shooter } from "./harness.js";

const it = test.extend("app", { scope: "file" }, ({ apps }) => apps.example("commands"));

const shoot = shooter("commands");

async function ready(page: Page): Promise<void> {
  await page.locator("#command-button").waitFor();
  await page.locator("#chat-submit").waitFor();
}

describe("commands and modes", () => {
  it("picks a command with / and the keyboard, and the app gets it", async ({ app, openChat }) => {
    const page = await openChat(app);
    await ready(page);
    const input = page.locator("#chat-input");
    await input.pressSequentially("/su");
    await page.locator("#commands").waitFor();
    // Filtered: only the commands matching "su".
    expect(await page.locator("#commands .command-item").count()).toBe(1);
    await page.locator("#command-summarize").waitFor();
    await shoot(page, "menu-light");
    await input.press("Enter");
    await page.locator("#commands").waitFor({ state: "detached" });
    expect(await input.inputValue()).toBe("");
    await page.locator('.command-chip[data-command="summarize"]').waitFor();
    await input.fill("the chat");
    await input.press("Enter");
    await waitForStep(page, "command: summarize; modes: model=smart, effort=low; text: the chat");
    // Not persistent: the chip is gone after sending.
    expect(await page.locator("#message-composer .command-chip").count()).toBe(0);

    // Arrows and Escape: the menu from `/`, moved down, closed without picking.
    await input.pressSequentially("/");
    await page.locator("#commands").waitFor();
    await input.press("ArrowDown");
    expect(await page.locator("#command-picture").getAttribute("aria-selected")).toBe("true");
    await input.press("Escape");
    await page.locator("#commands").waitFor({ state: "detached" });
    expect(await page.locator("#message-composer .command-chip").count()).toBe(0);
    await page.close();
  });

  it("picks from #command-button and the bar buttons; a persistent command stays", async ({
    app,
    openChat,
  }) => {
    const page = await openChat(app);
    await ready(page);
    await page.locator("#command-button").click();
    await page.locator("#command-picture").click();
    await page.locator('.command-chip[data-command="picture"]').waitFor();
    const input = page.locator("#chat-input");
    await input.fill("a cat");
    await input.press("Enter");
    await waitForStep(page, "command: picture;");
    // Persistent: still picked for the next message.
    await page.locator('#message-composer .command-chip[data-command="picture"]').waitFor();
    // The `button: true` command from the composer bar replaces it.
    await page.locator(".command-bar-button", { hasText: "search" }).click();
    await page.locator('#message-composer .command-chip[data-command="search"]').waitFor();
    await page.locator("#mode-model").selectOption("fast");
    await page.locator("#mode-effort").selectOption("high");
    await input.fill("news");
    await input.press("Enter");
    await waitForStep(page, "command: search; modes: model=fast, effort=high; text: news");
    await page.locator("#command-button").click();
    await page.locator("#commands").waitFor();
    await shoot(page, "bar-light");
    await page.locator("#theme-toggle").click();
    await shoot(page, "bar-dark");
    await page.locator("#command-button").click();
    await page.locator("#theme-toggle").click();

    // A reload: the sent messages show their command; the modes show the remembered choice.
    await page.reload({ waitUntil: "domcontentloaded" });
    await waitForStep(page, "text: news");
    const chips = await page
      .locator('.step[data-step-type="user_message"] .message-command')
      .allTextContents();
    expect(chips).toEqual(["/picture", "/search"]);
    expect(await page.locator("#mode-model").inputValue()).toBe("fast");
    expect(await page.locator("#mode-effort").inputValue()).toBe("high");
    await page.setViewportSize({ width: 390, height: 800 });
    await page.locator("#chat-input").pressSequentially("/");
    await page.locator("#commands").waitFor();
    await shoot(page, "menu-phone");
    await page.close();
  });

  it("names the commands in the browser's language", async ({ app, browser }) => {
    const context = await browser.newContext({ locale: "fr-FR" });
    try {
      const page = await context.newPage();
      await page.goto(app.url);
      await ready(page);
      await expect
        .poll(() => page.locator("#command-button").getAttribute("aria-label"))
        .toBe("Commandes");
      await page.locator("#chat-input").pressSequentially("/su");
      expect(await page.locator("#commands").getAttribute("aria-label")).toBe("Commandes");
      await page.locator("#chat-input").press("Enter");
      const remove = page.locator('.command-chip[data-command="summarize"] .command-chip-clear');
      expect(await remove.getAttribute("aria-label")).toBe("Retirer la commande summarize");
    } finally {
      await context.close();
    }
  });
});
