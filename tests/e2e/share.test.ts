import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { waitForStep } from "./features.js";
import { test } from "./fixtures.js";
import { send, shooter } from "./harness.js";

const it = test.extend("app", { scope: "file" }, ({ apps }) => apps.example("share"));

const shoot = shooter("share");

/** The owner's thread, shared; resolves to the link. */
async function shareThread(page: Page, text: string): Promise<string> {
  await send(page, text);
  await waitForStep(page, `You said: ${text}`);
  await page.locator("#share-button").click();
  await page.locator("#share-dialog").waitFor();
  // The thread reaches D1 at the end of the turn: retry until the link is made.
  await expect
    .poll(
      async () => {
        if (await page.locator("#share-link").isVisible()) return true;
        if (await page.locator("#share-create").isVisible())
          await page.locator("#share-create").click();
        return false;
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBe(true);
  return page.locator("#share-link").inputValue();
}

describe("sharing a thread", () => {
  it("another visitor reads a shared thread read-only, until the owner stops sharing", async ({
    app,
    browser,
    openChat,
  }) => {
    const owner = await openChat(app);
    const link = await shareThread(owner, "hello world");
    expect(link).toMatch(/\/share\/[0-9a-f-]{36}$/);
    await shoot(owner, "dialog-light");

    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const viewer = await other.newPage();
    const sockets: string[] = [];
    viewer.on("websocket", (ws) => sockets.push(ws.url()));
    await viewer.goto(link);
    await waitForStep(viewer, "You said: hello world");
    expect(await viewer.locator(".shared-badge").textContent()).toBe("Shared chat");
    for (const absent of [
      "#chat-input",
      "#message-composer",
      "#upload-button",
      ".positive-feedback-off",
      ".edit-icon",
      "button.action",
      "#share-button",
    ]) {
      expect(await viewer.locator(absent).count(), absent).toBe(0);
    }
    expect(sockets).toEqual([]);
    await shoot(viewer, "page-light");
    await viewer.locator("#theme-toggle").click();
    await shoot(viewer, "page-dark");
    await viewer.setViewportSize({ width: 390, height: 800 });
    await shoot(viewer, "page-phone");

    await owner.locator("#share-revoke").click();
    await owner.locator("#share-create").waitFor();
    await viewer.reload({ waitUntil: "domcontentloaded" });
    await viewer.locator("#share-unavailable").waitFor();
    expect(await viewer.locator(".step").count()).toBe(0);
    await other.close();
    await owner.close();
  });

  it("shows the refusal of onSharedThreadView", async ({ app, browser, openChat }) => {
    const owner = await openChat(app);
    const link = await shareThread(owner, "private");
    const other = await browser.newContext();
    const viewer = await other.newPage();
    await viewer.goto(link);
    await viewer.locator("#share-unavailable", { hasText: "may not view" }).waitFor();
    await other.close();
    await owner.close();
  });
});
