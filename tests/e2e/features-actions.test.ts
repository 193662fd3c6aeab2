import { describe, expect } from "vitest";
import { waitForStep } from "./features.js";
import { test } from "./fixtures.js";
import { send, steps } from "./harness.js";

const it = test.extend("app", { scope: "file" }, ({ apps }) => apps.example("actions"));

describe("actions, in a browser", () => {
  it("runs callbacks, removes one button, then all of them; the state survives a reload", async ({
    app,
    openChat,
  }) => {
    const page = await openChat(app);
    // The first message gives the chat its /thread/:id URL, so a reload comes back to it.
    await send(page, "hi");
    await waitForStep(page, "You said: hi");
    await expect.poll(() => page.url()).toMatch(/\/thread\/[0-9a-f-]{36}$/);
    const greet = page.locator("button#greet");
    await greet.waitFor();
    expect(await greet.textContent()).toContain("Say hello");
    await greet.click();
    await waitForStep(page, "assistant_message:Hello world!");
    await page.locator("button#once").click();
    await waitForStep(page, "That button is gone.");
    await page.locator("button#once").waitFor({ state: "detached" });
    expect(await page.locator("button#greet").count()).toBe(1);
    await page.locator("button#clear").click();
    await waitForStep(page, "All buttons removed.");
    await page.locator("button#greet").waitFor({ state: "detached" });
    await page.locator("button#clear").waitFor({ state: "detached" });
    await page.reload();
    await page.locator("#chat-input").waitFor();
    await waitForStep(page, "All buttons removed.");
    expect(await page.locator("button#greet, button#once, button#clear").count()).toBe(0);
    expect((await steps(page)).filter((s) => s.startsWith("assistant_message"))).toHaveLength(5);
    await page.close();
  });
});
