/**
 * The browser's display lag while an answer streams: a 20,000-token answer at 200 tokens/s, one
 * SSE event per upstream write (as providers send), in a fresh page of the real stack. The lag
 * is now minus the send time of the newest `@<ms>` stamp visible in the DOM, sampled every
 * animation frame; main-thread long tasks are counted while it streams.
 */
import type { Browser } from "playwright-core";
import type { RunningApp } from "../tests/e2e/harness.js";
import { bestBy, newPage, percentile, round, VIEWPORT } from "./ui-page.js";

const STREAM_TOKENS = Number(process.env.UI_BENCH_STREAM_TOKENS ?? 20_000);
const STREAM_RATE = 200;
const STREAM_RUNS = Number(process.env.UI_BENCH_STREAM_RUNS ?? 1);

interface StreamRun {
  lagP50: number;
  lagP95: number;
  lagMax: number;
  samples: number;
  longOver50: number;
  longestTask: number;
  finalRenderMs: number;
  /** Longest task between pressing Enter and the first streamed token. */
  sendTaskMs: number;
  /** Tokens per second the answer really came at (the upstream's timers slip under load). */
  rate: number;
}

/** One answer of STREAM_TOKENS tokens at STREAM_RATE per second in a fresh page. */
async function streamRun(browser: Browser, app: RunningApp): Promise<StreamRun> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await newPage(context);
    await page.goto(`${app.url}/`);
    await page.locator("#chat-input").waitFor();
    await page.evaluate(() => {
      window.__bench.recording = true;
    });
    const sentAt = await page.evaluate(() => performance.now());
    await page.locator("#chat-input").fill(`tokens:${STREAM_TOKENS} rate:${STREAM_RATE} stamp`);
    await page.locator("#chat-input").press("Enter");
    await page.locator(".stream-cursor").waitFor({ timeout: 30_000 });
    // Long tasks are counted from the first streamed token: sending (drawing the user's
    // message, leaving the welcome screen) is reported on its own.
    const streamedAt = await page.evaluate(() => window.__bench.lags[0]?.[0] ?? performance.now());
    for (const deadline = Date.now() + (STREAM_TOKENS / STREAM_RATE) * 2000 + 30_000; ; ) {
      const state = await page.evaluate(() => ({
        streaming: document.querySelector(".stream-cursor") !== null,
        lag: window.__bench.lags.at(-1)?.[1] ?? -1,
        samples: window.__bench.lags.length,
        longest: Math.max(0, ...window.__bench.longTasks.map((t) => t.duration)),
        longs: window.__bench.longTasks.length,
      }));
      if (!state.streaming) break;
      if (process.env.UI_BENCH_DEBUG) console.error("ui: streaming", JSON.stringify(state));
      if (Date.now() > deadline) throw new Error(`still streaming: ${JSON.stringify(state)}`);
      await page.waitForTimeout(2000);
    }
    const endedAt = await page.evaluate(() => performance.now());
    // The final render of the finished message happens right after; let it land.
    await page.locator('.step[data-step-type="assistant_message"] .message-tools').waitFor();
    await page.waitForTimeout(1000);
    const b = await page.evaluate(() => {
      window.__bench.recording = false;
      return window.__bench;
    });
    const count = await page
      .locator('.step[data-step-type="assistant_message"] .message-content')
      .evaluate((el) => (el.textContent ?? "").match(/@\d/g)?.length ?? 0);
    if (count !== STREAM_TOKENS)
      throw new Error(`answer has ${count} stamps, not ${STREAM_TOKENS}`);
    const lags = b.lags.filter(([t]) => t <= endedAt).map(([, lag]) => lag);
    const during = b.longTasks.filter((t) => t.start >= streamedAt && t.start <= endedAt);
    const sending = b.longTasks.filter((t) => t.start >= sentAt && t.start < streamedAt);
    if (process.env.UI_BENCH_DEBUG)
      console.error(
        "ui: long tasks while streaming (ms after the first token, duration)",
        JSON.stringify(during.map((t) => [Math.round(t.start - streamedAt), round(t.duration)])),
      );
    const after = b.longTasks.filter((t) => t.start > endedAt);
    return {
      lagP50: round(percentile(lags, 50)),
      lagP95: round(percentile(lags, 95)),
      lagMax: round(Math.max(...lags)),
      samples: lags.length,
      longOver50: during.filter((t) => t.duration > 50).length,
      longestTask: round(Math.max(0, ...during.map((t) => t.duration))),
      finalRenderMs: round(Math.max(0, ...after.map((t) => t.duration))),
      sendTaskMs: round(Math.max(0, ...sending.map((t) => t.duration))),
      rate: Math.round((STREAM_TOKENS / (endedAt - streamedAt)) * 1000),
    };
  } finally {
    await context.close();
  }
}

/** The display-lag figures: every run printed with the load, the run with the lowest p95 kept. */
export async function uiStream(
  browser: Browser,
  app: RunningApp,
  load: () => string,
): Promise<Record<string, number | string>> {
  const streams: StreamRun[] = [];
  for (let i = 0; i < STREAM_RUNS; i++) {
    streams.push(await streamRun(browser, app));
    console.log(`  ui: stream run ${i + 1}`, JSON.stringify(streams.at(-1)), `load ${load()}`);
  }
  const s = bestBy(streams, (r) => r.lagP95);
  const p = `browser ${STREAM_TOKENS} tokens at ${STREAM_RATE}/s per event`;
  return {
    [`${p}: display lag p50 / p95 / max ms`]: `${s.lagP50} / ${s.lagP95} / ${s.lagMax}`,
    [`${p}: tokens/s it really came at`]: s.rate,
    [`${p}: long tasks > 50 ms while streaming`]: Math.min(...streams.map((r) => r.longOver50)),
    [`${p}: longest task ms`]: Math.min(...streams.map((r) => r.longestTask)),
    [`${p}: longest task from Enter to the first token ms`]: Math.min(
      ...streams.map((r) => r.sendTaskMs),
    ),
    [`${p}: final render of the finished answer ms`]: Math.min(
      ...streams.map((r) => r.finalRenderMs),
    ),
    "load after the browser stream": load(),
  };
}
