import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { file, waitForStep } from "./features.js";
import { test } from "./fixtures.js";
import { send, threadId } from "./harness.js";

const it = test.extend("app", { scope: "file" }, ({ apps }) => apps.example("uploads"));

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** Posts a file from inside the page (its cookie), bypassing the UI's own checks. */
async function postFile(page: Page, sessionId: string, name: string, size: number, type: string) {
  return page.evaluate(
    async ({ sessionId, name, size, type }) => {
      const res = await fetch(`/api/sessions/${sessionId}/files?name=${encodeURIComponent(name)}`, {
        method: "POST",
        headers: { "content-type": type },
        body: new Uint8Array(size).fill(97),
      });
      return { status: res.status, body: (await res.json()) as { error?: string } };
    },
    { sessionId, name, size, type },
  );
}

describe("spontaneous uploads, in a browser", () => {
  it("attaches files with the upload button; onMessage reads them; the user message shows them", async ({
    app,
    openChat,
  }) => {
    const page = await openChat(app);
    await page.locator("#upload-button").waitFor();
    await page
      .locator("#upload-button-input")
      .setInputFiles([
        file("notes.txt", "hello upload"),
        { name: "dot.png", mimeType: "image/png", buffer: PNG },
      ]);
    await expect.poll(() => page.locator("#attachments li").count()).toBe(2);
    await page.locator("#attachments progress").first().waitFor({ state: "detached" });
    await send(page, "two files");
    await waitForStep(page, "Received 2 file(s).");
    await waitForStep(page, `notes.txt (text/plain, 12 bytes, file): "hello upload"`);
    await waitForStep(page, `dot.png (image/png, ${PNG.length} bytes, image)`);
    await page.locator("#attachments").waitFor({ state: "detached" });
    const user = page.locator('.step[data-step-type="user_message"]');
    const link = user.locator(".inline-file");
    await link.waitFor();
    expect(await link.getAttribute("download")).toBe("notes.txt");
    await user.locator(".inline-image").waitFor();
    const href = (await link.getAttribute("href")) ?? "";
    const body = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(body).toBe("hello upload");
    await page.close();
  });

  it("attaches a file dropped on the composer and a file pasted into the input", async ({
    app,
    openChat,
  }) => {
    const page = await openChat(app);
    await page.locator("#upload-button").waitFor();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(["dropped"], "drop.txt", { type: "text/plain" }));
      const target = document.querySelector("#message-composer") as HTMLElement;
      for (const type of ["dragenter", "dragover", "drop"]) {
        target.dispatchEvent(
          new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }),
        );
      }
    });
    await expect.poll(() => page.locator("#attachments li").count()).toBe(1);
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(["pasted"], "paste.txt", { type: "text/plain" }));
      const input = document.querySelector("#chat-input") as HTMLElement;
      input.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    });
    await expect.poll(() => page.locator("#attachments li").count()).toBe(2);
    await page.locator("#attachments progress").first().waitFor({ state: "detached" });
    await send(page, "dropped and pasted");
    await waitForStep(page, `drop.txt (text/plain, 7 bytes, file): "dropped"`);
    await waitForStep(page, `paste.txt (text/plain, 6 bytes, file): "pasted"`);
    await page.close();
  });

  it("refuses files over the limits or of a refused type, in the browser and on the server", async ({
    app,
    openChat,
  }) => {
    const page = await openChat(app);
    await send(page, "first");
    await waitForStep(page, "Received 0 file(s).");
    const id = await threadId(page);
    await page
      .locator("#upload-button-input")
      .setInputFiles(file("run.exe", "MZ", "application/x-msdownload"));
    await page.waitForTimeout(300);
    expect(await page.locator("#attachments li").count()).toBe(0);
    const big = await postFile(page, id, "big.txt", 1024 * 1024 + 1, "text/plain");
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/too large/);
    const exe = await postFile(page, id, "run.exe", 10, "application/x-msdownload");
    expect(exe.status).toBe(415);
    const ok = [
      await postFile(page, id, "a.txt", 1, "text/plain"),
      await postFile(page, id, "b.txt", 1, "text/plain"),
      await postFile(page, id, "c.txt", 1, "text/plain"),
    ];
    expect(ok.map((r) => r.status)).toEqual([201, 201, 400]);
    await page.close();
  });

  it("does not serve one user's upload to another browser", async ({ app, browser, openChat }) => {
    const page = await openChat(app);
    await page.locator("#upload-button-input").setInputFiles(file("secret.txt", "mine"));
    await page.locator("#attachments li").first().waitFor();
    await page.locator("#attachments progress").first().waitFor({ state: "detached" });
    await send(page, "secret");
    const link = page.locator('.step[data-step-type="user_message"] .inline-file');
    await link.waitFor();
    const href = (await link.getAttribute("href")) ?? "";
    const other = await browser.newContext();
    const stranger = await other.newPage();
    await stranger.goto(app.url);
    const status = await stranger.evaluate(async (url) => (await fetch(url)).status, href);
    expect(status).toBe(404);
    await other.close();
    await page.close();
  });
});
