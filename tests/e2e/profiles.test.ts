import { describe, expect } from "vitest";
import { waitForStep } from "./features.js";
import { test } from "./fixtures.js";
import { shooter } from "./harness.js";

const it = test.extend("app", { scope: "file" }, ({ apps }) => apps.example("profiles-starters"));

const shoot = shooter("profiles");

describe("chat profile picker", () => {
  it("shows icons and the markdown description on hover, and switches profile", async ({
    app,
    openChat,
  }) => {
    const page = await openChat(app);
    const trigger = page.locator(".profile-trigger");
    await trigger.waitFor();
    expect(await trigger.locator("img.app-icon").getAttribute("src")).toBe("/public/helper.svg");
    await trigger.click();
    await page.locator("#chat-profiles-menu").waitFor();
    expect(await page.locator(".profile-item img.app-icon").count()).toBe(2);
    await page.locator('.profile-item[data-profile="Pirate"]').hover();
    await page.locator(".profile-card em", { hasText: "pirate" }).waitFor();
    await shoot(page, "menu-light");
    // The menu closes when the pointer leaves it (clicking the theme toggle): open it again.
    const reopen = async () => {
      if (!(await page.locator("#chat-profiles-menu").isVisible())) await trigger.click();
      await page.locator('.profile-item[data-profile="Pirate"]').hover();
    };
    await page.locator("#theme-toggle").click();
    await reopen();
    await shoot(page, "menu-dark");
    await page.locator("#theme-toggle").click();
    // A phone: the history sidebar covers the page until closed; the header's picker is shown.
    await page.setViewportSize({ width: 390, height: 800 });
    await shoot(page, "header-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
    await reopen();
    await page.locator('.profile-item[data-profile="Pirate"]').click();
    await page.locator("#starter-ahoy").waitFor();
    expect(await page.locator("#chat-profiles").inputValue()).toBe("Pirate");
    await page.locator("#starter-ahoy").click();
    await waitForStep(page, "[Pirate] Ahoy matey");

    // With messages, the picker asks before starting a new chat; Cancel keeps the profile.
    await page.locator(".profile-trigger").click();
    await page.locator('.profile-item[data-profile="Helper"]').click();
    await page.locator("#new-chat-dialog").waitFor();
    await page.locator("#new-chat-dialog button", { hasText: "Cancel" }).click();
    expect(await page.locator("#chat-profiles").inputValue()).toBe("Pirate");
    expect(await page.locator(".profile-trigger .profile-name").textContent()).toBe("Pirate");
    await page.close();
  });
});
