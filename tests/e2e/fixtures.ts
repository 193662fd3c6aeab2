/**
 * The scaffolding every end-to-end file shares, as Vitest fixtures: one Chromium per file, the
 * loopback OpenAI server, apps run by `edgelit run` and stopped when the file ends, and
 * `openChat`, a page whose composer is ready. Each is file-scoped and lazy: a file starts only
 * what its tests name, once, and everything started is stopped after its last test. A fixture
 * starts inside the first test that names it (under the test timeout); an app that takes most
 * of a minute to bundle is started in `it.beforeAll(({ apps }) => …)` instead (hook timeout).
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { test as base } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../helpers/openai-server.js";
import { startExample } from "./features.js";
import { appDir, launchBrowser, type RunningApp, startApp } from "./harness.js";

/** Starts apps for a file; the `apps` fixture stops them all after its last test. */
export interface Apps {
  /** Runs `source` (an app file of the repo) with `.dev.vars` `vars` and `files` beside it. */
  start(
    source: string,
    vars?: Record<string, string>,
    files?: Record<string, string>,
  ): Promise<RunningApp>;
  /** Runs `examples/<name>` with its config.toml, welcome.md and public/ files. */
  example(name: string, extra?: Record<string, string>): Promise<RunningApp>;
}

/** Where and how `openChat` opens the chat. */
export interface ChatOptions {
  /** The path to open. @default "/" */
  path?: string;
  /** The page's size. @default Playwright's 1280×720 */
  viewport?: { width: number; height: number };
  /**
   * Opens the page in a new browser context with these options: another visitor, with its own
   * cookies (close it with `page.context().close()`).
   */
  context?: BrowserContextOptions;
}

/** Opens `app` in the file's browser; resolves once the composer takes text. */
export type OpenChat = (app: RunningApp, options?: ChatOptions) => Promise<Page>;

/** The `.dev.vars` of an app that talks to the loopback OpenAI server. */
export function openaiVars(openai: FakeOpenAI): Record<string, string> {
  return { OPENAI_API_KEY: "test", OPENAI_BASE_URL: openai.url };
}

/** A new page of `app` at `options.path`, once `#chat-input` is there and enabled. */
async function openChat(
  browser: Browser,
  app: RunningApp,
  options: ChatOptions = {},
): Promise<Page> {
  const { path = "/", viewport, context } = options;
  const page = context
    ? await (await browser.newContext({ ...(viewport && { viewport }), ...context })).newPage()
    : await browser.newPage(viewport && { viewport });
  await page.goto(app.url + path);
  await page.locator("#chat-input:enabled").waitFor();
  return page;
}

/** The e2e `test`: `browser`, `openai`, `apps` and `openChat` for the whole file. */
export const test = base
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
  .extend("browser", { scope: "file" }, async ({}, { onCleanup }) => {
    const browser = await launchBrowser();
    onCleanup(() => browser.close());
    return browser;
  })
  // biome-ignore lint/correctness/noEmptyPattern: as above.
  .extend("openai", { scope: "file" }, async ({}, { onCleanup }) => {
    const openai = await startFakeOpenAI();
    onCleanup(() => openai.close());
    return openai;
  })
  // biome-ignore lint/correctness/noEmptyPattern: as above.
  .extend("apps", { scope: "file" }, async ({}, { onCleanup }): Promise<Apps> => {
    const running: RunningApp[] = [];
    onCleanup(async () => {
      await Promise.all(running.map((app) => app.stop()));
    });
    const started = (app: RunningApp) => {
      running.push(app);
      return app;
    };
    return {
      start: async (source, vars = {}, files = {}) =>
        started(await startApp(appDir(source, vars, files))),
      example: async (name, extra = {}) => started(await startExample(name, extra)),
    };
  })
  .extend(
    "openChat",
    { scope: "file" },
    async ({ browser }): Promise<OpenChat> =>
      (app, options) =>
        openChat(browser, app, options),
  );
