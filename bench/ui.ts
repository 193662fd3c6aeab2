/**
 * The browser half of `npm run bench` (issue 3, "Speed"): headless Chromium (playwright-core)
 * against the real stack (`edgelit run` of examples/streaming with the loopback fake OpenAI).
 *
 * - A 20,000-token answer at 1,000 tokens/s: display lag (now minus the send time of the newest
 *   `@<ms>` stamp visible in the DOM, sampled every animation frame) and main-thread long tasks.
 * - A 1,000-message conversation: reload `/thread/:id`, time until the first and until every
 *   message is drawn, long tasks while opening, then wheel-scroll from top to bottom and report
 *   the frame times.
 *
 * Each figure is the best of a few runs (the machine may be busy with other work).
 *
 *   npx tsx bench/ui.ts            (or `npm run bench ui`)
 */
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import WebSocket from "ws";
import { appDir, CHROMIUM_ARGS, type RunningApp, startApp } from "../tests/e2e/harness.js";
import { startFakeOpenAI } from "../tests/helpers/openai-server.js";

const STREAM_TOKENS = 20_000;
const STREAM_RATE = 1_000;
const EXCHANGES = 500;
// Tokens per upstream write: 16 at 1,000/s is a write every 16 ms (each token still stamped with
// its own send time). One write per token makes wrangler dev's inspector proxy open a socket per
// chunk until it runs out of file descriptors.
const STREAM_BATCH = 16;
const STREAM_RUNS = Number(process.env.UI_BENCH_STREAM_RUNS ?? 3);
const OPEN_RUNS = Number(process.env.UI_BENCH_OPEN_RUNS ?? 3);
const VIEWPORT = { width: 1280, height: 800 };

// 500 exchanges in a minute or two would trip the public-mode limit of 30 messages a minute.
const CONFIG =
  "[project.rate_limit]\nmessages_per_minute = 100000\nip_messages_per_minute = 100000\n" +
  "sessions_per_minute = 100000\nip_sessions_per_minute = 100000\n";

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

interface LongTask {
  start: number;
  duration: number;
}

declare global {
  interface Window {
    __bench: {
      longTasks: LongTask[];
      /** [performance.now(), lag ms] per sampled frame. */
      lags: [number, number][];
      /** performance.now() of each animation frame while recording. */
      frames: number[];
      recording: boolean;
      firstStep: number;
      allSteps: number;
      target: number;
    };
  }
}

/**
 * Installed before any page script: the long-task observer, and a frame loop that records
 * frame times, display lag of a streamed stamp answer, and when messages appear. Plain text,
 * not a function: tsx would wrap the function's inner functions in helpers the page lacks.
 */
const INIT_SCRIPT = `(() => {
  const b = { longTasks: [], lags: [], frames: [], recording: false, firstStep: 0, allSteps: 0,
    target: Number(window.__benchTarget || 0) };
  window.__bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  const STAMP = /@(\\d+\\.\\d+)(?!.*@\\d)/s;
  // The last text under el (the newest tokens) without serialising the whole answer.
  const tailText = (el) => {
    let n = el;
    while (n.lastChild) n = n.lastChild;
    let text = "";
    while (n && el.contains(n) && text.length < 64) {
      if (n.nodeType === Node.TEXT_NODE) text = (n.nodeValue || "") + text;
      n = n.previousSibling || (n.parentNode && n.parentNode.previousSibling) || null;
      while (n && n.lastChild) n = n.lastChild;
    }
    return text;
  };
  const tick = (t) => {
    if (b.recording) {
      b.frames.push(t);
      const answers = document.querySelectorAll(
        '.step[data-step-type="assistant_message"] .message-content');
      const last = answers[answers.length - 1];
      if (last) {
        const m = STAMP.exec(tailText(last));
        if (m) b.lags.push([t, performance.timeOrigin + performance.now() - Number(m[1])]);
      }
    }
    if (b.target > 0 && !b.allSteps) {
      const n = document.querySelectorAll(".step.message").length;
      if (n > 0 && !b.firstStep) b.firstStep = t;
      if (n >= b.target) b.allSteps = t;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function newPage(context: BrowserContext, target = 0): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(`window.__benchTarget = ${target};`);
  await page.addInitScript(INIT_SCRIPT);
  return page;
}

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
}

/** One 20,000-token answer at 1,000 tokens/s in a fresh page. */
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
    await page
      .locator("#chat-input")
      .fill(`tokens:${STREAM_TOKENS} rate:${STREAM_RATE} batch:${STREAM_BATCH} stamp`);
    await page.locator("#chat-input").press("Enter");
    await page.locator(".stream-cursor").waitFor({ timeout: 30_000 });
    // Long tasks are counted from the first streamed token: sending (drawing the user's
    // message, leaving the welcome screen) is reported on its own.
    const streamedAt = await page.evaluate(() => window.__bench.lags[0]?.[0] ?? performance.now());
    for (const deadline = Date.now() + 300_000; ; ) {
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
    };
  } finally {
    await context.close();
  }
}

/** Builds one thread of `EXCHANGES` user messages and answers over a plain WebSocket. */
export async function buildThread(app: RunningApp): Promise<{ cookie: string; id: string }> {
  const res = await fetch(`${app.url}/api/sessions`, { method: "POST" });
  const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
  const { sessionId: id } = (await res.json()) as { sessionId: string };
  const ws = new WebSocket(`${app.url.replace("http", "ws")}/ws/${id}`, { headers: { cookie } });
  await new Promise((ok, fail) => ws.once("open", ok).once("error", fail));
  let waiting: ((frame: Record<string, unknown>) => void) | null = null;
  ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as Record<string, unknown>;
    if (frame.type === "error") throw new Error(`server refused: ${String(data)}`);
    waiting?.(frame);
  });
  const until = (pred: (f: Record<string, unknown>) => boolean) =>
    new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error("no reply within 60 s")), 60_000);
      waiting = (f) => {
        if (!pred(f)) return;
        clearTimeout(timer);
        waiting = null;
        ok();
      };
    });
  const ready = until((f) => f.type === "snapshot");
  ws.send(JSON.stringify({ type: "hello", lastSeq: 0 }));
  await ready;
  for (let i = 1; i <= EXCHANGES; i++) {
    let answered = false;
    const done = until((f) => {
      const step = f.step as { type?: string; streaming?: boolean } | undefined;
      if (f.type === "step" && step?.type === "assistant_message" && !step.streaming)
        answered = true;
      return f.type === "task" && f.running === false && answered;
    });
    // Typical chat text: a sentence or two with inline markdown, echoed back by the model.
    const content =
      `Message ${i}: how does **item ${i}** compare with \`item ${i + 1}\`? ` +
      "The quick brown fox jumps over the lazy dog, and [a link](https://example.com) too.";
    ws.send(JSON.stringify({ type: "message", id: `m${i}`, content }));
    await done;
  }
  ws.close();
  return { cookie, id };
}

interface OpenRun {
  firstMs: number;
  allMs: number;
  messages: number;
  steps: number;
  longOver50: number;
  longestTask: number;
  scrollMaxFrame: number;
  scrollP95Frame: number;
  scrollLongOver50: number;
  scrollMs: number;
}

async function openRun(
  browser: Browser,
  app: RunningApp,
  thread: { cookie: string; id: string },
): Promise<OpenRun> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const [name, value] = thread.cookie.split(/=(.*)/s) as [string, string];
  await context.addCookies([{ name, value, url: app.url }]);
  try {
    const target = EXCHANGES * 2;
    const page = await newPage(context, target);
    // Warm the HTTP cache and the server's objects the way a returning user's reload would.
    await page.goto(`${app.url}/thread/${thread.id}`);
    await page.waitForFunction(() => window.__bench.allSteps > 0, null, { timeout: 60_000 });
    await page.reload();
    await page.waitForFunction(() => window.__bench.allSteps > 0, null, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const opened = await page.evaluate(() => ({
      first: window.__bench.firstStep,
      all: window.__bench.allSteps,
      tasks: window.__bench.longTasks.filter((t) => t.start <= window.__bench.allSteps),
      messages: document.querySelectorAll(".step.message").length,
      steps: document.querySelectorAll(".step").length,
    }));

    // Scroll: to the top at once, then down to the end with the wheel, frame by frame.
    const box = await page.locator(".messages").boundingBox();
    if (!box) throw new Error("no .messages");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate(async () => {
      const s = document.querySelector(".messages") as HTMLElement;
      s.scrollTop = 0;
      await new Promise((r) => setTimeout(r, 300));
    });
    const t0 = await page.evaluate(() => {
      window.__bench.frames = [];
      window.__bench.longTasks = [];
      window.__bench.recording = true;
      return performance.now();
    });
    for (let i = 0; i < 2000; i++) {
      await page.mouse.wheel(0, 300);
      const atEnd = await page.evaluate(
        () =>
          new Promise<boolean>((ok) =>
            requestAnimationFrame(() => {
              const s = document.querySelector(".messages") as HTMLElement;
              ok(s.scrollHeight - s.scrollTop - s.clientHeight < 2);
            }),
          ),
      );
      if (atEnd) break;
    }
    const scrolled = await page.evaluate(() => {
      window.__bench.recording = false;
      return {
        frames: window.__bench.frames,
        tasks: window.__bench.longTasks,
        end: performance.now(),
      };
    });
    const gaps = scrolled.frames.slice(1).map((t, i) => t - (scrolled.frames[i] as number));
    return {
      firstMs: round(opened.first),
      allMs: round(opened.all),
      messages: opened.messages,
      steps: opened.steps,
      longOver50: opened.tasks.filter((t) => t.duration > 50).length,
      longestTask: round(Math.max(0, ...opened.tasks.map((t) => t.duration))),
      scrollMaxFrame: round(Math.max(...gaps)),
      scrollP95Frame: round(percentile(gaps, 95)),
      scrollLongOver50: scrolled.tasks.filter((t) => t.duration > 50).length,
      scrollMs: round(scrolled.end - t0, 0),
    };
  } finally {
    await context.close();
  }
}

function bestBy<T>(runs: T[], key: (r: T) => number): T {
  return runs.reduce((a, b) => (key(b) < key(a) ? b : a));
}

export async function uiBench(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const fake = await startFakeOpenAI();
  let app: RunningApp | null = null;
  let browser: Browser | null = null;
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
    const load = () =>
      `load ${loadavg()
        .map((n) => round(n, 2))
        .join(" ")}`;

    const streams: StreamRun[] = [];
    for (let i = 0; i < STREAM_RUNS; i++) {
      streams.push(await streamRun(browser, app));
      console.error(`ui: stream run ${i + 1}`, JSON.stringify(streams.at(-1)), load());
    }
    const s = bestBy(streams, (r) => r.lagP95);
    const p = `ui.stream ${STREAM_TOKENS} tokens at ${STREAM_RATE}/s`;
    figures[`${p} display lag p50 ms`] = s.lagP50;
    figures[`${p} display lag p95 ms`] = s.lagP95;
    figures[`${p} display lag max ms`] = s.lagMax;
    figures[`${p} long tasks > 50 ms`] = Math.min(...streams.map((r) => r.longOver50));
    figures[`${p} longest task ms`] = Math.min(...streams.map((r) => r.longestTask));
    figures[`${p} longest task from Enter to the first token ms`] = Math.min(
      ...streams.map((r) => r.sendTaskMs),
    );
    figures[`${p} final render of the finished answer ms`] = Math.min(
      ...streams.map((r) => r.finalRenderMs),
    );

    const built = performance.now();
    const thread = await buildThread(app);
    console.error(
      `ui: built ${EXCHANGES * 2} messages in ${Math.round(performance.now() - built)} ms`,
    );
    const opens: OpenRun[] = [];
    for (let i = 0; i < OPEN_RUNS; i++) {
      opens.push(await openRun(browser, app, thread));
      console.error(`ui: open run ${i + 1}`, JSON.stringify(opens.at(-1)), load());
    }
    const o = bestBy(opens, (r) => r.allMs);
    const q = `ui.thread ${o.messages} messages`;
    figures[`${q} reload to first message ms`] = Math.min(...opens.map((r) => r.firstMs));
    figures[`${q} reload to all drawn ms`] = o.allMs;
    figures[`${q} long tasks > 50 ms while opening`] = Math.min(...opens.map((r) => r.longOver50));
    figures[`${q} longest task while opening ms`] = Math.min(...opens.map((r) => r.longestTask));
    const sc = bestBy(opens, (r) => r.scrollMaxFrame);
    figures[`${q} wheel scroll top to bottom max frame ms`] = sc.scrollMaxFrame;
    figures[`${q} wheel scroll p95 frame ms`] = Math.min(...opens.map((r) => r.scrollP95Frame));
    figures[`${q} wheel scroll long tasks > 50 ms`] = Math.min(
      ...opens.map((r) => r.scrollLongOver50),
    );
    figures["ui.load average (1 min) at end"] = round(loadavg()[0] ?? 0, 2);
  } catch (err) {
    figures.ui = `unavailable: ${(err as Error).message.split("\n")[0]}`;
    if (app) console.error(app.logs().slice(-4000));
    console.error(err);
  } finally {
    await browser?.close();
    await app?.stop();
    await fake.close();
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const figures = await uiBench();
  for (const [k, v] of Object.entries(figures)) console.log(`${k}  ${v}`);
  process.exit(0);
}
