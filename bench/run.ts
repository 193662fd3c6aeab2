/**
 * `npm run bench`: streaming throughput and latency of Edgelit's session against a bare DO
 * relay and the reader-only ceiling on the same workerd, the web UI's first-load size, opening a
 * 1,000-message thread, and the browser figures. Prints each run as it goes, then a table with
 * the machine's load, and writes bench/results/latest.json. Stops by itself: a run that is not
 * done after BENCH_DEADLINE_S seconds (default 600) prints what it has and exits non-zero.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { stopAll } from "./cleanup.js";
import { load, streaming } from "./streaming.js";
import { uiBench } from "./ui.js";

const ROOT = resolve(import.meta.dirname, "..");
const figures: Record<string, number | string> = {};
const started = performance.now();

function webSize(): void {
  try {
    execFileSync("npm", ["run", "--silent", "build:web"], { cwd: ROOT, stdio: "ignore" });
    const out = execFileSync(process.execPath, [join(ROOT, "web/scripts/size.mjs"), "--json"], {
      cwd: ROOT,
    }).toString();
    const size = JSON.parse(out) as { gzipKiB: number; budgetKiB: number };
    figures["web.first load JS gzip KiB (chat route)"] = size.gzipKiB;
    figures["web.first load budget KiB"] = size.budgetKiB;
  } catch (err) {
    figures["web.first load"] = `unavailable: ${(err as Error).message.split("\n")[0]}`;
  }
}

/** Opening a 1,000-message thread (bench/thread-open.ts prints one JSON line per figure). */
function threadOpen(): void {
  const out = execFileSync(
    process.execPath,
    [
      join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      join(ROOT, "bench/thread-open.ts"),
      "--opens",
      "5",
    ],
    {
      cwd: ROOT,
    },
  ).toString();
  for (const line of out.split("\n")) {
    if (!line.startsWith("{")) continue;
    const {
      figure,
      bench: _bench,
      messages: _messages,
      ...rest
    } = JSON.parse(line) as Record<string, number | string>;
    for (const [k, v] of Object.entries(rest)) figures[`thread.1000 messages ${figure} ${k}`] = v;
  }
}

function report(): void {
  figures["bench minutes"] = Math.round((performance.now() - started) / 600) / 100;
  figures["load average 1 / 5 / 15 min at the end"] = load();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  console.log("\nEdgelit benchmark");
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
  mkdirSync(join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(
    join(ROOT, "bench/results/latest.json"),
    `${JSON.stringify({ at: new Date().toISOString(), figures }, null, 2)}\n`,
  );
}

const deadline = Number(process.env.BENCH_DEADLINE_S ?? 600);
setTimeout(async () => {
  console.error(`bench: not done after ${deadline} s; stopping with the figures so far`);
  figures.incomplete = `stopped after ${deadline} s`;
  report();
  await stopAll();
  process.exit(1);
}, deadline * 1000).unref();

console.log(`bench: load average at the start ${load()} (1 / 5 / 15 min)`);
const only = process.argv[2];
if (!only || only === "stream") Object.assign(figures, await streaming());
if (!only || only === "web") webSize();
if (!only || only === "thread") threadOpen();
if (!only || only === "ui") Object.assign(figures, await uiBench());
report();
process.exit(0);
