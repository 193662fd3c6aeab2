/**
 * The copilot widget in Chromium, on a host page of another site (localhost vs the app on
 * 127.0.0.1) in a profile that blocks third-party cookies (checked by a probe that the same
 * probe passes without the block): the widget appears fast, chats with streaming, resumes the
 * page's thread after a reload, runs host functions, exchanges window messages both ways, keeps
 * the host's CSS out; a host origin not in the config is refused. Also the bundle's size.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect } from "vitest";
import { cookieProfile, type HostSite, serveHost, thirdPartyCookieSent } from "./copilot-host.js";
import { test } from "./fixtures.js";
import { freePort, ROOT, type RunningApp } from "./harness.js";

const SECRET = "sJasow5ML2RJxC4LNV0wAET0SusSqmteMzfGfFdy5_I";

let app: RunningApp;
let host: HostSite;
let evil: HostSite;
let hostPort: number;
let context: BrowserContext;
const profile = mkdtempSync(join(tmpdir(), "edgelit-copilot-profile-"));
const allowing = mkdtempSync(join(tmpdir(), "edgelit-copilot-allowing-"));

const it = test;

it.beforeAll(async ({ apps }) => {
  hostPort = await freePort();
  const evilPort = await freePort();
  const config = `[project]\nname = "Copilot e2e"\nallow_origins = ["http://localhost:${hostPort}"]\n`;
  app = await apps.start(
    "examples/copilot/app.ts",
    { EDGELIT_AUTH_SECRET: SECRET },
    { "config.toml": config },
  );
  [host, evil, context] = await Promise.all([
    serveHost(hostPort, app.url),
    serveHost(evilPort, app.url),
    cookieProfile(profile, true),
  ]);
});
afterAll(async () => {
  await context?.close();
  await host?.close();
  await evil?.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(allowing, { recursive: true, force: true });
});

const panel = (page: Page) => page.locator("#edgelit-copilot");
const panelText = async (page: Page) =>
  (await panel(page).locator(".messages").textContent()) ?? "";

async function waitText(page: Page, text: string, timeout = 20_000) {
  await expect.poll(() => panelText(page), { timeout }).toContain(text);
}

async function say(page: Page, text: string) {
  await panel(page).locator("textarea").fill(text);
  await panel(page).locator("textarea").press("Enter");
}

describe("the copilot widget", () => {
  it("is one script of at most 40 KiB gzip", () => {
    const js = readFileSync(join(ROOT, "web/dist/copilot/index.js"));
    const kib = gzipSync(js, { level: 9 }).length / 1024;
    console.log(`copilot widget: ${js.length} B, ${kib.toFixed(1)} KiB gzip`);
    expect(kib).toBeLessThanOrEqual(40);
  });

  it("runs where third-party cookies are blocked (the probe passes without the block)", async () => {
    const unblocked = await cookieProfile(allowing, false);
    expect(await thirdPartyCookieSent(unblocked, host, hostPort)).toBe(true);
    await unblocked.close();
    expect(await thirdPartyCookieSent(context, host, hostPort)).toBe(false);
  });

  it("appears fast, chats, resumes the page's thread after a reload, keeps host CSS out", async () => {
    const page = await context.newPage();
    const button = page.locator("#edgelit-copilot-button");
    // The first load also starts wrangler's asset serving; the figure is of the loads after it.
    const figures: number[] = [];
    for (let i = 0; i < 9; i++) {
      await page.goto(host.url);
      await button.waitFor();
      figures.push(Number(await page.evaluate(() => Reflect.get(window, "edgelitAppeared"))));
    }
    const warm = figures.slice(1).sort((a, b) => a - b);
    console.log(
      `copilot widget: button in the page ${figures.map((f) => f.toFixed(0)).join(", ")} ms after navigation start (first load, then reloads)`,
    );
    // The median of the reloads: one machine runs several test suites at once.
    expect(warm[Math.floor(warm.length / 2)]).toBeLessThan(300);
    // The host's `button { background: lime !important }` does not reach into the shadow root.
    const bg = await button.evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(bg).not.toBe("rgb(0, 255, 0)");

    await button.click();
    await waitText(page, "Hello from the copilot!");
    await say(page, "hello world");
    await waitText(page, "You said: hello world");
    // No cookie of the app's site was set or used.
    const cookies = await context.cookies(app.url);
    expect(cookies).toEqual([]);

    await page.reload();
    await page.locator("#edgelit-copilot-button").click();
    await waitText(page, "You said: hello world");
    expect(await panelText(page)).toContain("Hello from the copilot!");
    // Resumed, not restarted: the greeting is there once.
    expect((await panelText(page)).split("Hello from the copilot!").length).toBe(2);
    await page.close();
  });

  it("runs a host function for cl.CopilotFunction and exchanges window messages both ways", async () => {
    const page = await context.newPage();
    await page.goto(host.url);
    await page.locator("#edgelit-copilot-button").click();
    await waitText(page, "Hello from the copilot!");
    await say(page, "/title");
    await waitText(page, 'This page is called "Acme pricing".');

    await page.locator("#say-hi").click();
    await waitText(page, 'The page sent me {"page":"pricing"}.');
    await say(page, "/highlight");
    await expect
      .poll(() => page.locator("#from-app").textContent())
      .toContain('{"type":"highlight","selector":"h1"}');
    expect(await page.locator("h1.highlight").count()).toBe(1);
    await page.close();
  });

  it("exchanges window messages with the web app framed by an allowed page", async () => {
    const page = await context.newPage();
    await page.goto(`${host.url}/framed`);
    const app = page.frameLocator("#app");
    const chat = async () => (await app.locator(".step").allTextContents()).join("\n");
    await expect.poll(chat, { timeout: 20_000 }).toContain("Hello from the webapp!");
    await page.evaluate(() => Reflect.get(window, "toApp")({ page: "framed" }));
    await expect.poll(chat, { timeout: 20_000 }).toContain('The page sent me {"page":"framed"}.');
    await app.locator("#chat-input").fill("/highlight");
    await app.locator("#chat-input").press("Enter");
    await expect
      .poll(() => page.locator("#from-app").textContent(), { timeout: 20_000 })
      .toContain('{"type":"highlight","selector":"h1"}');
    await page.close();
  });

  it("is refused on a host origin not in allow_origins, even with a valid token", async () => {
    const page = await context.newPage();
    await page.goto(evil.url);
    await page.locator("#edgelit-copilot-button").click();
    await expect
      .poll(() => panel(page).locator(".status").textContent(), { timeout: 15_000 })
      .toMatch(/Cannot connect/);
    // A token issued to the real host, replayed from this page, opens nothing.
    const issued = await fetch(`${app.url}/copilot/token`, {
      method: "POST",
      headers: { origin: host.url, "content-type": "application/json" },
      body: JSON.stringify({ visitor: "v".repeat(43) }),
    });
    expect(issued.status).toBe(200);
    const { token } = (await issued.json()) as { token: string };
    const created = await fetch(`${app.url}/api/sessions`, {
      method: "POST",
      headers: { origin: host.url, "edgelit-copilot-token": token },
    });
    const { sessionId } = (await created.json()) as { sessionId: string };
    const opened = await page.evaluate(
      ([url, t]) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url, ["edgelit-copilot", t]);
          ws.onopen = () => resolve("open");
          ws.onerror = () => resolve("refused");
        }),
      [`${app.url.replace("http", "ws")}/ws/${sessionId}`, token] as const,
    );
    expect(opened).toBe("refused");
    await page.close();
  });
});
