/**
 * What both browser benchmarks install in the page before any of its scripts: a long-task
 * observer and a frame loop that records frame times, the display lag of a streamed `stamp`
 * answer, and when a thread's messages appear.
 */
import type { BrowserContext, Page } from "playwright-core";

export const VIEWPORT = { width: 1280, height: 800 };

export const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function bestBy<T>(runs: T[], key: (r: T) => number): T {
  return runs.reduce((a, b) => (key(b) < key(a) ? b : a));
}

export interface LongTask {
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
export const INIT_SCRIPT = `(() => {
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

/** A new page with the instrumentation; `target` messages mark a thread as drawn. */
export async function newPage(context: BrowserContext, target = 0): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(`window.__benchTarget = ${target};`);
  await page.addInitScript(INIT_SCRIPT);
  return page;
}
