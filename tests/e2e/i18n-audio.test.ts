import { basename, dirname } from "node:path";
import type { BrowserContextOptions, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { startFakeSpeech } from "../helpers/transcription-server.js";
import { waitForStep } from "./features.js";
import { test } from "./fixtures.js";
import { appDir, launchBrowser, shooter, startApp } from "./harness.js";

const LOGO = (fill: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>logo</title><circle cx="5" cy="5" r="5" fill="${fill}"/></svg>`;

const it = test
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
  .extend("browser", { scope: "file" }, async ({}, { onCleanup }) => {
    // A fake microphone, allowed without a prompt.
    const browser = await launchBrowser([
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
    ]);
    onCleanup(() => browser.close());
    return browser;
  })
  // biome-ignore lint/correctness/noEmptyPattern: as above.
  .extend("speech", { scope: "file" }, async ({}, { onCleanup }) => {
    const speech = await startFakeSpeech();
    onCleanup(() => speech.close());
    return speech;
  })
  .extend("app", { scope: "file" }, async ({ speech }, { onCleanup }) => {
    const file = appDir(
      "tests/e2e/i18n-app.ts",
      { OPENAI_BASE_URL: speech.url, OPENAI_API_KEY: "test", OPENAI_MODEL: "fake" },
      {
        // No [UI] name: the app is named after its folder.
        "config.toml": "[features.audio]\nenabled = true\n",
        "translations/fr.json": JSON.stringify({ "New chat": "Nouvelle conversation" }),
        "public/logo_light.svg": LOGO("#0a0"),
        "public/logo_dark.svg": LOGO("#0ff"),
        "public/favicon.svg": LOGO("#f0f"),
      },
    );
    const app = await startApp(file);
    onCleanup(() => app.stop());
    return { ...app, folder: basename(dirname(file)) };
  })
  .extend(
    "open",
    { scope: "file" },
    ({ app, openChat }) =>
      /** The app in a new browser context with `options`, the microphone allowed unless said. */
      (options: BrowserContextOptions): Promise<Page> =>
        openChat(app, {
          context: {
            viewport: { width: 1280, height: 800 },
            permissions: ["microphone"],
            ...options,
          },
        }),
  );

const shoot = shooter("i18n");

describe("translations", () => {
  it("speaks French to a French browser, with the app's own override", async ({ app, open }) => {
    const page = await open({ locale: "fr-FR" });
    await waitForStep(page, "language: fr-FR");
    const html = page.locator("html");
    expect(await html.getAttribute("lang")).toBe("fr");
    expect(await html.getAttribute("dir")).toBe("ltr");
    expect(await page.locator("#chat-input").getAttribute("placeholder")).toBe(
      "Écrivez votre message ici...",
    );
    // translations/fr.json beside the app replaces the kit's "Nouvelle discussion".
    expect(await page.locator("#new-chat-button").getAttribute("aria-label")).toBe(
      "Nouvelle conversation",
    );
    expect(await page.locator("#mic-button").getAttribute("aria-label")).toBe(
      "Commencer l’enregistrement",
    );
    // The app's name is its folder; its logo and favicon come from public/.
    expect(await page.title()).toBe(app.folder);
    expect(await page.locator(".app-name").textContent()).toBe(app.folder);
    expect(await page.locator("#app-logo").getAttribute("src")).toBe("/public/logo_light.svg");
    expect(await page.locator('link[rel="icon"]').getAttribute("href")).toBe("/public/favicon.svg");
    await shoot(page, "fr-light");
    await page.context().close();
  });

  it("writes Arabic right to left, mirrored, dark and on a phone", async ({ open }) => {
    const page = await open({ locale: "ar", colorScheme: "dark" });
    await waitForStep(page, "language: ar");
    expect(await page.locator("html").getAttribute("lang")).toBe("ar");
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("#chat-input").getAttribute("placeholder")).toBe(
      "اكتب رسالتك هنا...",
    );
    // Mirrored: the app's name is at the right, the new-chat button to its left.
    const name = await page.locator(".app-name").boundingBox();
    const newChat = await page.locator("#new-chat-button").boundingBox();
    expect(name && newChat && name.x > newChat.x).toBe(true);
    expect(await page.locator("#app-logo").getAttribute("src")).toBe("/public/logo_dark.svg");
    await shoot(page, "ar-rtl-dark");
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, "ar-rtl-phone");
    await page.context().close();
  });

  it("falls back to English for a language it has no dictionary for", async ({ open }) => {
    const page = await open({ locale: "ko-KR" });
    await waitForStep(page, "language: ko-KR");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("#chat-input").getAttribute("placeholder")).toBe(
      "Type your message here...",
    );
    await shoot(page, "en-phone-fallback");
    await page.context().close();
  });
});

describe("the microphone", () => {
  it("streams a recording that is transcribed, shown as the user's message and answered", async ({
    open,
    speech,
  }) => {
    const page = await open({ locale: "en-US" });
    await waitForStep(page, "language: en-US");
    await page.locator("#mic-button").click();
    await page.locator("#mic-button.recording").waitFor();
    await page.waitForTimeout(1500);
    await shoot(page, "mic-recording");
    await page.locator("#mic-button").click();
    await waitForStep(page, "You said: I spoke", 30_000);
    const t = speech.transcriptions[0];
    expect(t?.model).toBe("whisper-1");
    expect(t?.language).toBe("en");
    expect(t?.fileType).toMatch(/^audio\//);
    expect(t?.bytes).toBeGreaterThan(500);
    const user = page.locator('.step[data-step-type="user_message"]').last();
    expect(await user.textContent()).toContain(`I spoke ${t?.bytes} bytes of ${t?.fileType}`);
    expect(await page.locator("#mic-button.recording").count()).toBe(0);
    await shoot(page, "mic-answered");
    await page.context().close();
  });
});
