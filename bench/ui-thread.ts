/**
 * Opening a 1,000-message conversation in the browser: reload `/thread/:id`, time until the
 * first and until every message is drawn, long tasks while opening, then wheel-scroll from top
 * to bottom and report the frame times.
 */
import type { Browser } from "playwright-core";
import WebSocket from "ws";
import type { RunningApp } from "../tests/e2e/harness.js";
import { bestBy, newPage, percentile, round, VIEWPORT } from "./ui-page.js";

const EXCHANGES = Number(process.env.UI_BENCH_EXCHANGES ?? 500);
const OPEN_RUNS = Number(process.env.UI_BENCH_OPEN_RUNS ?? 2);

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

/** Builds the thread, then opens it OPEN_RUNS times: every run printed with the load. */
export async function uiThread(
  browser: Browser,
  app: RunningApp,
  load: () => string,
): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const built = performance.now();
  const thread = await buildThread(app);
  console.log(
    `  ui: built ${EXCHANGES * 2} messages in ${Math.round(performance.now() - built)} ms`,
  );
  const opens: OpenRun[] = [];
  for (let i = 0; i < OPEN_RUNS; i++) {
    opens.push(await openRun(browser, app, thread));
    console.log(`  ui: open run ${i + 1}`, JSON.stringify(opens.at(-1)), `load ${load()}`);
  }
  const o = bestBy(opens, (r) => r.allMs);
  const q = `browser thread of ${o.messages} messages:`;
  figures[`${q} reload to first / all drawn ms`] =
    `${Math.min(...opens.map((r) => r.firstMs))} / ${o.allMs}`;
  figures[`${q} long tasks > 50 ms while opening`] = Math.min(...opens.map((r) => r.longOver50));
  figures[`${q} longest task while opening ms`] = Math.min(...opens.map((r) => r.longestTask));
  const sc = bestBy(opens, (r) => r.scrollMaxFrame);
  figures[`${q} wheel scroll p95 / max frame ms`] =
    `${Math.min(...opens.map((r) => r.scrollP95Frame))} / ${sc.scrollMaxFrame}`;
  figures[`${q} wheel scroll long tasks > 50 ms`] = Math.min(
    ...opens.map((r) => r.scrollLongOver50),
  );
  figures["load after the browser thread"] = load();
  return figures;
}
