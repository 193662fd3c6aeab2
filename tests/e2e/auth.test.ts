import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  startOAuthProvider,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
} from "../helpers/oauth-provider.js";
import { test } from "./fixtures.js";
import { send } from "./harness.js";

const it = test
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
  .extend("provider", { scope: "file" }, async ({}, { onCleanup }) => {
    const provider = await startOAuthProvider();
    onCleanup(() => provider.close());
    return provider;
  })
  .extend("app", { scope: "file" }, ({ apps, provider }) =>
    apps.start(
      "tests/e2e/auth-app.ts",
      {
        EDGELIT_AUTH_SECRET: "0seXJCnE5ODA1m8_4CaleoO5sRIfTgpKqAXQzpiMyVU",
        OAUTH_GENERIC_CLIENT_ID: TEST_CLIENT_ID,
        OAUTH_GENERIC_CLIENT_SECRET: TEST_CLIENT_SECRET,
        OAUTH_GENERIC_ISSUER: provider.url,
      },
      { "config.toml": "[project]\nrate_limit = { messages_per_minute = 2 }\n" },
    ),
  );

async function reply(page: Page, text: string) {
  await page
    .locator('.step[data-step-type="assistant_message"] .message-content', { hasText: text })
    .waitFor({ timeout: 15_000 });
}

describe("login, in a browser", () => {
  it("refuses a wrong password, signs in with the right one, and knows the user", async ({
    app,
    browser,
  }) => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.locator("#email").fill("ada");
    await page.locator("#password").fill("nope");
    await page.locator("button[type=submit]").click();
    await expect.poll(() => page.locator(".alert").textContent()).toMatch(/Invalid credentials/);
    await page.locator("#password").fill("ada-pw");
    await page.locator("button[type=submit]").click();
    await page.locator("#chat-input").waitFor();
    await send(page, "hello");
    await reply(page, "echo for ada: hello");
    // The limit of this app is 2 messages a minute: the third is refused with a clear reason.
    await send(page, "two");
    await reply(page, "echo for ada: two");
    await send(page, "three");
    await expect.poll(() => page.locator(".composer-alert").textContent()).toMatch(/slow down/i);
    await page.close();
  });

  it("shows the signed-in user and logs out", async ({ app, browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator("#email").fill("ada");
    await page.locator("#password").fill("ada-pw");
    await page.locator("button[type=submit]").click();
    await page.locator("#chat-input").waitFor();
    expect(await page.locator(".user-name").textContent()).toBe("Ada");
    await page.locator("#logout-button").click();
    await page.locator("#password").waitFor();
    expect(await page.locator("#chat-input").count()).toBe(0);
    await context.close();
  });

  it("signs in through an OAuth provider's redirect flow", async ({ app, browser, provider }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator("a.oauth", { hasText: "generic" }).click();
    await page.locator("#chat-input").waitFor();
    expect(new URL(page.url()).origin).toBe(app.url);
    expect(provider.stats.token).toBeGreaterThan(0);
    await send(page, "hi");
    await reply(page, "echo for generic:ada-1: hi");
    await context.close();
  });
});

describe("header auth only, in a browser", () => {
  it("says plainly that the visitor is not signed in, and lets a proxied user in", async ({
    apps,
    browser,
  }) => {
    const headerApp = await apps.start("tests/e2e/header-auth-app.ts", {
      EDGELIT_AUTH_SECRET: "0seXJCnE5ODA1m8_4CaleoO5sRIfTgpKqAXQzpiMyVU",
    });
    const page = await browser.newPage();
    await page.goto(headerApp.url);
    await page.locator("#not-signed-in").waitFor();
    expect(await page.locator("#not-signed-in h1").textContent()).toBe("Not signed in");
    expect(await page.locator("#password").count()).toBe(0);
    await page.close();
    const context = await browser.newContext({ extraHTTPHeaders: { "x-test-user": "grace" } });
    const proxied = await context.newPage();
    await proxied.goto(headerApp.url);
    await proxied.locator("#chat-input").waitFor();
    expect(await proxied.locator(".user-name").textContent()).toBe("grace");
    // Signed in by the proxy: there is nothing to log out of here.
    expect(await proxied.locator("#logout-button").count()).toBe(0);
    await context.close();
  });
});
