/**
 * The browser half of `npm run bench`: headless Chromium (playwright-core) against the real
 * stack (`edgelit run` of examples/streaming with the loopback fake OpenAI), one app and one
 * browser for two benchmarks: the display lag of a streamed answer (bench/ui-stream.ts) and
 * opening a 1,000-message thread (bench/ui-thread.ts).
 *
 *   npx tsx bench/ui.ts            (or `npm run bench ui`)
 */
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { appDir, CHROMIUM_ARGS, type RunningApp, startApp } from "../tests/e2e/harness.js";
import { startFakeOpenAI } from "../tests/helpers/openai-server.js";
import { stopOnDeadline } from "./cleanup.js";
import { round } from "./ui-page.js";
import { uiStream } from "./ui-stream.js";
import { uiThread } from "./ui-thread.js";

// 500 exchanges in a minute or two would trip the public-mode limit of 30 messages a minute.
const CONFIG =
  "[project.rate_limit]\nmessages_per_minute = 100000\nip_messages_per_minute = 100000\n" +
  "sessions_per_minute = 100000\nip_sessions_per_minute = 100000\n";

const load = () =>
  loadavg()
    .map((n) => round(n, 2))
    .join(" ");

export async function uiBench(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const fake = await startFakeOpenAI();
  let app: RunningApp | null = null;
  let browser: Browser | null = null;
  const stop = async () => {
    await browser?.close();
    await app?.stop();
    await fake.close();
  };
  const registered = stopOnDeadline(stop);
  try {
    [app, browser] = await Promise.all([
      startApp(
        appDir(
          "examples/streaming/app.ts",
          { OPENAI_API_KEY: "x", OPENAI_BASE_URL: fake.url },
          { "config.toml": CONFIG },
        ),
      ),
      chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS }),
    ]);
    const only = process.env.UI_BENCH_ONLY;
    if (only !== "thread") Object.assign(figures, await uiStream(browser, app, load));
    if (only !== "stream") Object.assign(figures, await uiThread(browser, app, load));
  } catch (err) {
    figures.ui = `unavailable: ${(err as Error).message.split("\n")[0]}`;
    if (app) console.error(app.logs().slice(-4000));
    console.error(err);
  } finally {
    registered();
    await stop();
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const figures = await uiBench();
  for (const [k, v] of Object.entries(figures)) console.log(`${k}  ${v}`);
  process.exit(0);
}
