/**
 * examples/mcp in Chromium: the user adds an MCP server (a real MCP SDK server on loopback)
 * through `#mcp-button`, sees it listed with its tools, the model (loopback OpenAI server) calls
 * one of them as a tool step, the token total shows; after a reload the server is still listed
 * and its header never reached the page; then it is removed. A garbage server is a clear error
 * in the dialog.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { startFakeMcp } from "../helpers/mcp-server.js";
import { waitForStep } from "./features.js";
import { openaiVars, test } from "./fixtures.js";
import { ROOT, send } from "./harness.js";

const it = test
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
  .extend("mcp", { scope: "file" }, async ({}, { onCleanup }) => {
    const mcp = await startFakeMcp();
    onCleanup(() => mcp.close());
    return mcp;
  })
  .extend("app", { scope: "file" }, ({ apps, openai }) => {
    const files = Object.fromEntries(
      ["config.toml", "welcome.md"].map((f) => [
        f,
        readFileSync(join(ROOT, "examples/mcp", f), "utf8"),
      ]),
    );
    return apps.start("examples/mcp/app.ts", openaiVars(openai), files);
  });

async function addServer(page: Page, name: string, url: string, headers = ""): Promise<void> {
  await page.locator("#mcp-name").fill(name);
  await page.locator("#mcp-url").fill(url);
  await page.locator("#mcp-transport").selectOption("streamable-http");
  await page.locator("#mcp-headers").fill(headers);
  await page.locator("#mcp-connect").click();
}

describe("examples/mcp", () => {
  it("adds a server, calls its tool through the model, keeps it over a reload, removes it", async ({
    app,
    openChat,
    mcp,
  }) => {
    const page = await openChat(app);
    await page.locator("#mcp-button").click();
    await page.locator("#mcp-dialog").waitFor();

    // A server answering garbage: a clear error in the dialog, nothing listed.
    await addServer(page, "junk", `${mcp.url}/garbage`);
    await expect
      .poll(() => page.locator("#mcp-dialog .alert").textContent(), { timeout: 20_000 })
      .toContain('MCP server "junk": could not connect');
    await expect(page.locator(".mcp-server").count()).resolves.toBe(0);

    await addServer(page, "tools", `${mcp.url}/mcp`, "Authorization: Bearer e2e-secret-header");
    const listed = page.locator('.mcp-server[data-name="tools"]');
    await listed.waitFor({ timeout: 20_000 });
    await expect(listed.locator(".mcp-tool").allTextContents()).resolves.toEqual([
      "add",
      "whoami",
      "fail",
      "get_weather",
    ]);
    await page.locator("#mcp-dialog button", { hasText: "Close" }).click();
    await waitForStep(page, "Connected tools: add, whoami, fail, get_weather.");
    await expect(page.locator("#mcp-button .mcp-count").textContent()).resolves.toBe("1");
    await expect(page.locator("#token-usage").count()).resolves.toBe(0);

    await send(page, "What is the weather in Paris?");
    await waitForStep(page, "Tool said: Sunny in Paris", 30_000);
    const tool = page.locator('.step[data-step-type="tool"]');
    await expect(tool.locator("#step-get_weather").textContent()).resolves.toContain(
      "Used get_weather",
    );
    const usage = page.locator("#token-usage");
    await usage.waitFor();
    const shown = await usage.textContent();
    expect(shown).toMatch(/^[1-9][\d,]* tokens$/);

    await page.reload();
    await page.locator("#chat-input").waitFor();
    await waitForStep(page, "Tool said: Sunny in Paris");
    expect(new URL(page.url()).pathname).toMatch(/^\/thread\//);
    await expect.poll(() => usage.textContent()).toBe(shown);
    await page.locator("#mcp-button").click();
    await listed.waitFor();
    expect(await page.content()).not.toContain("e2e-secret-header");

    await listed.locator(".mcp-remove").click();
    await page.locator(".mcp-empty").waitFor();
    await page.locator("#mcp-dialog button", { hasText: "Close" }).click();
    await waitForStep(page, "Removed tools.");
    await expect(page.locator("#mcp-button .mcp-count").count()).resolves.toBe(0);
    await page.close();
  }, 120_000);
});
