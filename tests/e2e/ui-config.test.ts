import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect } from "vitest";
import { test } from "./fixtures.js";
import { send, shooter } from "./harness.js";

const shoot = shooter("ui-config");

/** The page size of this file's pages and screenshots. */
const viewport = { width: 1280, height: 800 };

// Paragraphs, so the rendered answer is as tall as the user's bubble.
const LONG = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n\n");

const it = test
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
  .extend("assetsUrl", { scope: "file" }, async ({}, { onCleanup }) => {
    // An external script host, so `custom_js` is proven with a real http:// URL.
    const assets = createServer((req, res) => {
      if (req.url !== "/custom.js") return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end("document.documentElement.dataset.customJs = 'ran';");
    });
    await new Promise<void>((r) => assets.listen(0, "127.0.0.1", r));
    onCleanup(() => new Promise<void>((r) => assets.close(() => r())));
    return `http://127.0.0.1:${(assets.address() as AddressInfo).port}`;
  })
  .extend("custom", { scope: "file" }, ({ apps, assetsUrl }) => {
    const config = [
      "[UI]",
      'custom_css = "/public/custom.css"',
      `custom_js = "${assetsUrl}/custom.js"`,
      'github = "https://github.com/example/repo"',
      "[[UI.header_links]]",
      'name = "Docs"',
      'icon_url = "/public/icon.svg"',
      'url = "https://docs.example.com/"',
      "[[UI.header_links]]",
      'name = "Status"',
      'url = "/public/status.html"',
    ].join("\n");
    return apps.start(
      "tests/e2e/ui-app.ts",
      {},
      {
        "config.toml": config,
        "public/custom.css": "#header { border-bottom-color: rgb(1, 2, 3); }\n",
        "public/icon.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
        "public/status.html": "ok",
      },
    );
  })
  .extend("plain", { scope: "file" }, ({ apps }) =>
    apps.start(
      "examples/echo/app.ts",
      {},
      {
        "config.toml": "[UI]\ndefault_collapse_content = false\n[features]\nedit_message = false\n",
      },
    ),
  );

describe("[UI] config keys, in a browser", () => {
  it("applies custom_css from /public and runs custom_js from an http URL", async ({
    openChat,
    custom,
    assetsUrl,
  }) => {
    const page = await openChat(custom, { viewport });
    await expect
      .poll(() => page.$eval("#header", (h) => getComputedStyle(h).borderBottomColor))
      .toBe("rgb(1, 2, 3)");
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.customJs))
      .toBe("ran");
    expect(await page.locator('link[rel="stylesheet"][href="/public/custom.css"]').count()).toBe(1);
    expect(await page.locator(`script[src="${assetsUrl}/custom.js"]`).count()).toBe(1);
    await page.close();
  });

  it("shows the GitHub button and the header links", async ({ openChat, custom, plain }) => {
    const page = await openChat(custom, { viewport });
    const github = page.locator("#header #github-button");
    await expect.poll(() => github.getAttribute("href")).toBe("https://github.com/example/repo");
    expect(await github.getAttribute("rel")).toContain("noopener");
    const links = page.locator("#header a.header-link");
    expect(await links.allTextContents()).toEqual(["Docs", "Status"]);
    expect(await links.nth(0).getAttribute("href")).toBe("https://docs.example.com/");
    expect(await links.nth(0).locator("img").getAttribute("src")).toBe("/public/icon.svg");
    expect(await links.nth(1).getAttribute("href")).toBe("/public/status.html");
    // No GitHub button or links in an app that configures none.
    await shoot(page, "header-links");
    const other = await openChat(plain, { viewport });
    expect(await other.locator("#github-button, .header-link").count()).toBe(0);
    await Promise.all([page.close(), other.close()]);
  });

  it("collapses long contents behind Show more by default, and not when turned off", async ({
    openChat,
    custom,
    plain,
  }) => {
    const page = await openChat(custom, { viewport });
    await send(page, LONG);
    const answer = page.locator('.step[data-step-type="assistant_message"]', {
      hasText: "line 30",
    });
    await answer.locator(".message-content").waitFor();
    const user = page.locator('.step[data-step-type="user_message"]', { hasText: "line 30" });
    for (const step of [user, answer]) {
      const box = step.locator(".collapsible");
      await expect.poll(() => box.getAttribute("class")).toContain("collapsed");
      const content = step.locator(".message-content");
      const clipped = await content.evaluate((e) => e.scrollHeight > e.clientHeight);
      expect(clipped).toBe(true);
    }
    // A short message has no toggle.
    await send(page, "short");
    await page.locator(".message-content", { hasText: "You said: short" }).waitFor();
    const short = page.locator('.step[data-step-type="assistant_message"]').last();
    expect(await short.locator(".show-more").count()).toBe(0);

    const toggle = answer.locator(".show-more");
    expect(await toggle.textContent()).toBe("Show more");
    await shoot(page, "collapsed");
    await toggle.click();
    expect(await toggle.textContent()).toBe("Show less");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    const full = await answer
      .locator(".message-content")
      .evaluate((e) => e.scrollHeight <= e.clientHeight);
    expect(full).toBe(true);

    const other = await openChat(plain, { viewport });
    await send(other, LONG);
    await other.locator(".message-content", { hasText: "You said: line 1" }).waitFor();
    await other.waitForTimeout(300);
    expect(await other.locator(".show-more, .collapsed").count()).toBe(0);
    const whole = await other
      .locator('.step[data-step-type="assistant_message"] .message-content')
      .last()
      .evaluate((e) => e.scrollHeight <= e.clientHeight && e.clientHeight > 400);
    expect(whole).toBe(true);
    await Promise.all([page.close(), other.close()]);
  });

  it("edits a sent message: later messages go, the answer comes again, and a reload agrees", async ({
    openChat,
    custom,
  }) => {
    const page = await openChat(custom, { viewport });
    const said = (text: string) =>
      page.locator(".message-content", { hasText: `You said: ${text}` }).waitFor();
    await send(page, "one");
    await said("one");
    await send(page, "two");
    await said("two");
    const texts = () =>
      page
        .locator(".step .message-content")
        .evaluateAll((els) => els.map((e) => (e.textContent ?? "").trim()));
    const first = page.locator('.step[data-step-type="user_message"]', { hasText: "one" });
    await first.hover();
    await first.locator(".edit-icon").click();
    await shoot(page, "edit-form");
    const input = page.locator("#edit-chat-input");
    expect(await input.inputValue()).toBe("one");
    await input.fill("uno");
    await page.locator("#edit-submit").click();
    await said("uno");
    await expect
      .poll(texts)
      .toEqual(["Hello! Send me anything and I will echo it.", "uno", "You said: uno"]);
    expect(await page.locator("#edit-chat-input").count()).toBe(0);
    await page.reload({ waitUntil: "domcontentloaded" });
    await said("uno");
    expect(await texts()).toEqual([
      "Hello! Send me anything and I will echo it.",
      "uno",
      "You said: uno",
    ]);
    await page.close();
  });

  it("shows no edit icon when features.edit_message is off", async ({ openChat, plain }) => {
    const page = await openChat(plain, { viewport });
    await send(page, "one");
    await page.locator(".message-content", { hasText: "You said: one" }).waitFor();
    expect(await page.locator('.step[data-step-type="user_message"] .copy-message').count()).toBe(
      1,
    );
    expect(await page.locator(".edit-icon").count()).toBe(0);
    await page.close();
  });

  it("shows toasts of each type, dismisses them by themselves, and not again on reload", async ({
    openChat,
    custom,
  }) => {
    const page = await openChat(custom, { viewport });
    for (const type of ["info", "success", "warning", "error"]) {
      await send(page, `toast ${type} ${type} toast`);
      await page.locator(`.toast.toast-${type}`, { hasText: `${type} toast` }).waitFor();
    }
    expect(await page.locator(".toast").count()).toBe(4);
    await shoot(page, "toasts");
    await page.setViewportSize({ width: 390, height: 800 });
    await shoot(page, "toasts-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.locator(".toast.toast-error").getAttribute("role")).toBe("alert");
    await page.locator(".toast.toast-info button").click();
    expect(await page.locator(".toast-info").count()).toBe(0);
    // The success toast goes by itself after its 5 s.
    await page.locator(".toast-success").waitFor({ state: "detached", timeout: 8000 });
    await page.reload({ waitUntil: "domcontentloaded" });
    await page.locator(".message-content", { hasText: "Hello!" }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.locator(".toast").count()).toBe(0);
    await page.close();
  });
});
