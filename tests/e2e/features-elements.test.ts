import { describe, expect } from "vitest";
import { waitForStep } from "./features.js";
import { test } from "./fixtures.js";
import { send } from "./harness.js";

const it = test.extend("app", { scope: "file" }, ({ apps }) => apps.example("elements"));

describe("elements, in a browser", () => {
  it("renders inline text, image from public/, file, dataframe and plotly", async ({
    app,
    openChat,
  }) => {
    const page = await openChat(app);
    await page.locator(".inline-text").waitFor();
    expect(await page.locator(".inline-text").textContent()).toContain("const answer = 42;");
    const img = page.locator(".inline-image");
    await img.waitFor();
    expect(await img.getAttribute("src")).toBe("/public/logo.svg");
    await expect
      .poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    const fileLink = page.locator(".inline-file");
    expect(await fileLink.getAttribute("download")).toBe("hello.txt");
    const href = (await fileLink.getAttribute("href")) ?? "";
    expect(await page.evaluate(async (u) => (await fetch(u)).text(), href)).toBe(
      "Hello from a file.",
    );
    await page.locator(".dataframe").waitFor();
    expect(await page.locator(".dataframe").textContent()).toContain("Paris");
    await page.locator(".inline-plotly").waitFor();
    await page.close();
  });

  it("links side and page elements by name and opens them", async ({ app, openChat }) => {
    const page = await openChat(app);
    const notes = page.locator(".element-link", { hasText: "notes" });
    await notes.waitFor();
    await notes.click();
    await expect.poll(() => page.locator("#side-view-title").textContent()).toBe("notes");
    expect(await page.locator("#side-view-content").textContent()).toContain(
      "These notes open in the side panel.",
    );
    await page.locator(".element-link", { hasText: "report" }).click();
    await page.locator("#element-view").waitFor();
    expect(await page.locator("#element-view").textContent()).toContain("A full page element.");
    await page.close();
  });

  it("updates a task list in place and removes an element", async ({ app, openChat }) => {
    const page = await openChat(app);
    await page.locator(".inline-file").waitFor();
    await send(page, "tasks");
    await page.locator(".tasklist").waitFor();
    await waitForStep(page, "Tasks finished.");
    await page.locator(".task.task-status-done").waitFor();
    expect(await page.locator(".tasklist").count()).toBe(1);
    expect(await page.locator(".task.task-status-failed").textContent()).toContain("Write answer");
    expect(await page.locator(".task").count()).toBe(2);
    await send(page, "remove");
    await waitForStep(page, "The file was removed.");
    await page.locator(".inline-file").waitFor({ state: "detached" });
    await page.reload();
    await page.locator(".tasklist").waitFor();
    expect(await page.locator(".inline-file").count()).toBe(0);
    await page.close();
  });
});
