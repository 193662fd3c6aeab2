import { describe, expect } from "vitest";
import { waitForStep } from "./features.js";
import { test } from "./fixtures.js";
import { send } from "./harness.js";

const it = test.extend("app", { scope: "file" }, ({ apps }) => apps.example("custom-element"));

describe("custom elements, in a browser", () => {
  it("loads public/elements/Counter.js, which updates its props, calls an action and sends a message", async ({
    app,
    openChat,
  }) => {
    const page = await openChat(app);
    const module = await page.evaluate(async () => {
      const res = await fetch("/public/elements/Counter.js");
      return `${res.status} ${(await res.text()).includes("export default function render")}`;
    });
    expect(module).toBe("200 true");
    const element = page.locator(".inline-custom");
    await element.waitFor();
    await send(page, "hi");
    await waitForStep(page, "You said: hi");
    const value = element.locator(".counter-value");
    await value.waitFor({ timeout: 10_000 });
    expect(await value.textContent()).toBe("Count: 0");
    await element.locator("#counter-increment").click();
    await expect.poll(() => value.textContent()).toBe("Count: 1");
    await page.reload();
    await page.locator(".inline-custom .counter-value").waitFor();
    expect(await page.locator(".inline-custom .counter-value").textContent()).toBe("Count: 1");
    await page.locator("#counter-report").click();
    await waitForStep(page, "The counter says 1.");
    await page.locator("#counter-say").click();
    await waitForStep(page, "user_message:The count is 1");
    await waitForStep(page, "You said: The count is 1");
    await page.close();
  });
});
