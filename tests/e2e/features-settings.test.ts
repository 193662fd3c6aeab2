import { describe, expect } from "vitest";
import { waitForStep } from "./features.js";
import { test } from "./fixtures.js";
import { send } from "./harness.js";

const it = test
  .extend("settings", { scope: "file" }, ({ apps }) => apps.example("settings"))
  .extend("profiles", { scope: "file" }, ({ apps }) => apps.example("profiles-starters"))
  .extend("userEnv", { scope: "file" }, ({ apps }) => apps.example("user-env"));

describe("chat settings, in a browser", () => {
  it("confirms new values (onSettingsUpdate, userSession), keeps them when reopened, cancel changes nothing", async ({
    settings: app,
    openChat,
  }) => {
    const page = await openChat(app);
    await page.locator("#chat-settings-open-modal").click();
    const dialog = page.locator("#chat-settings");
    await dialog.waitFor();
    for (const id of ["model", "temperature", "stream", "prefix", "count", "tags"]) {
      expect(await dialog.locator(`[id="${id}"]`).count(), id).toBeGreaterThan(0);
    }
    await dialog.locator("#model select, select#model").selectOption("gpt-4o");
    await dialog.locator("#prefix input, input#prefix").fill("Hi");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await dialog.waitFor({ state: "detached" });
    await waitForStep(page, 'Settings updated: model="gpt-4o"');
    await waitForStep(page, 'prefix="Hi"');
    await send(page, "what now?");
    await waitForStep(
      page,
      'Current settings: model="gpt-4o", temperature=0.7, stream=true, prefix="Hi"',
    );
    await page.locator("#chat-settings-open-modal").click();
    await dialog.waitFor();
    expect(await dialog.locator("#model select, select#model").inputValue()).toBe("gpt-4o");
    await dialog.locator("#prefix input, input#prefix").fill("ignored");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.locator("#chat-settings-open-modal").click();
    expect(await dialog.locator("#prefix input, input#prefix").inputValue()).toBe("Hi");
    await page.close();
  });
});

describe("profiles and starters, in a browser", () => {
  it("shows the profile's starters; clicking one sends its message with the profile in userSession", async ({
    profiles: app,
    openChat,
  }) => {
    const page = await openChat(app);
    await page.locator("#chat-profiles").waitFor();
    await page.locator("#starters").waitFor();
    await page.locator("#starter-say-hello").click();
    await waitForStep(page, "[Helper] Hello there");
    await page.close();
  });

  it("switches profile: a new chat with the other profile and its starters", async ({
    profiles: app,
    openChat,
  }) => {
    const page = await openChat(app);
    await page.locator("#chat-profiles").selectOption("Pirate");
    await page.locator("#starter-ahoy").waitFor();
    expect(await page.locator("#starter-say-hello").count()).toBe(0);
    await page.locator("#starter-ahoy").click();
    await waitForStep(page, "[Pirate] Ahoy matey");
    await page.close();
  });
});

describe("user_env, in a browser", () => {
  it("asks for the keys once and hands them to the app as userSession env", async ({
    userEnv: app,
    browser,
  }) => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.locator("#MY_API_KEY").fill("sk-test-1234");
    await page.locator("#submit-env").click();
    await page.locator("#chat-input").waitFor();
    await send(page, "key?");
    await waitForStep(page, "Your key ends with 1234.");
    await page.reload();
    await page.locator("#chat-input").waitFor();
    expect(await page.locator("#submit-env").count()).toBe(0);
    await page.close();
  });
});
