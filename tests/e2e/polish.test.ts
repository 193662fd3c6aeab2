import { describe, expect } from "vitest";
import { waitForStep } from "./features.js";
import { test } from "./fixtures.js";
import { send, shooter } from "./harness.js";

const it = test
  .extend("app", { scope: "file" }, ({ apps }) =>
    apps.start(
      "tests/e2e/polish-app.ts",
      {},
      {
        "welcome.md": "# Welcome to Polish\n\nA **readme** on the welcome screen.\n",
        "config.toml": '[UI]\nname = "A rather long app name"\n',
        "public/favicon.ico": "app-icon",
      },
    ),
  )
  .extend("assistant", { scope: "file" }, ({ apps }) => apps.example("assistant"));

const shoot = shooter("polish");

describe("UI polish", () => {
  it("shows welcome.md on the welcome screen, and keeps the name in view on a phone", async ({
    app,
    openChat,
  }) => {
    const page = await openChat(app);
    await page.locator(".welcome .welcome-readme h1", { hasText: "Welcome to Polish" }).waitFor();
    await shoot(page, "welcome-light");
    await page.setViewportSize({ width: 390, height: 800 });
    await page.locator("#readme-button").waitFor();
    const name = await page.locator(".app-name").boundingBox();
    const readme = await page.locator("#readme-button").boundingBox();
    // The name keeps at least 5rem and does not slide under the pill.
    expect(name?.width ?? 0).toBeGreaterThanOrEqual(75);
    expect((name?.x ?? 0) + (name?.width ?? 0)).toBeLessThanOrEqual(readme?.x ?? 0);
    expect(name?.x ?? -1).toBeGreaterThanOrEqual(0);
    await shoot(page, "welcome-phone");
    await page.close();
  });

  it("serves /favicon.ico: the app's own, else the kit's, never the page", async ({
    app,
    assistant,
  }) => {
    const own = await fetch(`${app.url}/favicon.ico`);
    expect(await own.text()).toBe("app-icon");
    const kit = await fetch(`${assistant.url}/favicon.ico`);
    expect(kit.status).toBe(200);
    const bytes = new Uint8Array(await kit.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
  });

  it("does not repeat the avatar and name of one author's consecutive messages", async ({
    app,
    openChat,
  }) => {
    const page = await openChat(app);
    await send(page, "hello");
    await waitForStep(page, "from someone else");
    const authors = await page
      .locator('.step[data-step-type="assistant_message"]')
      .evaluateAll((els) =>
        els.map(
          (e) =>
            `${e.querySelector(".message-author")?.textContent ?? "-"}|${e.querySelector(".avatar:not(.avatar-spacer)") ? "avatar" : "none"}`,
        ),
      );
    expect(authors).toEqual(["Assistant|avatar", "-|none", "Critic|avatar"]);
    await shoot(page, "grouped-light");
    await page.locator("#theme-toggle").click();
    await shoot(page, "grouped-dark");
    await page.close();
  });

  it("hides feedback and the stop button while an ask waits", async ({ app, openChat }) => {
    const page = await openChat(app);
    await send(page, "ask");
    await waitForStep(page, "Your name?");
    const prompt = page.locator('.step[data-step-type="assistant_message"]', {
      hasText: "Your name?",
    });
    await page.waitForTimeout(300);
    expect(await prompt.locator(".positive-feedback-off").count()).toBe(0);
    expect(await page.locator("#stop-button").count()).toBe(0);
    await page.locator("#chat-input").fill("Ada");
    await page.locator("#chat-input").press("Enter");
    await waitForStep(page, "Hi Ada");
    await page.locator('.step:has-text("Hi Ada") .positive-feedback-off').waitFor();
    await page.close();
  });

  it("shows the whole focus ring of the settings dialog's first field", async ({
    app,
    openChat,
  }) => {
    const page = await openChat(app);
    await page.locator("#chat-settings-open-modal").click();
    const field = page.locator("#chat-settings #first input, #chat-settings input#first").first();
    await field.focus();
    const { ring, clip } = await field.evaluate((el) => {
      const list = el.closest(".settings-list");
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const out = Number.parseFloat(style.outlineWidth) + Number.parseFloat(style.outlineOffset);
      const area = list?.getBoundingClientRect();
      return {
        ring: { top: box.top - out, left: box.left - out, right: box.right + out },
        clip: area ? { top: area.top, left: area.left, right: area.right } : null,
      };
    });
    expect(clip).not.toBeNull();
    expect(ring.top).toBeGreaterThanOrEqual(clip?.top ?? 0);
    expect(ring.left).toBeGreaterThanOrEqual(clip?.left ?? 0);
    expect(ring.right).toBeLessThanOrEqual(clip?.right ?? 0);
    await shoot(page, "settings-focus");
    await page.close();
  });

  it("the offline demo model draws a table, code and math, even for a question with a fence", async ({
    openChat,
    assistant,
  }) => {
    const page = await openChat(assistant);
    await send(page, "what does ```js\nx()\n``` do?");
    const answer = page.locator('.step[data-step-type="assistant_message"]').last();
    await answer.locator("table").waitFor({ timeout: 30_000 });
    await answer.locator("pre code.language-ts, pre code.hljs").first().waitFor();
    await answer.locator(".katex").first().waitFor();
    expect(await answer.locator("pre").first().textContent()).toContain("x()");
    await page.locator(".step[data-step-type='llm']").first().waitFor();
    await shoot(page, "demo-light");
    await page.setViewportSize({ width: 390, height: 800 });
    await shoot(page, "demo-phone");
    await page.close();
  });
});
