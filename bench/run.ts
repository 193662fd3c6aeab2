/**
 * `npm run bench`: streaming throughput and latency of Edgelit's session against a bare DO
 * relay on the same workerd, the web UI's first-load size, and the other figures the issues
 * name. Prints a table and writes bench/results/latest.json.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startFakeOpenAI } from "../tests/helpers/openai-server.js";
import { startBenchServer } from "./server.js";
import { percentile, type RunResult, streamBare, streamEdgelit } from "./stream.js";
import { uiBench } from "./ui.js";

const ROOT = resolve(import.meta.dirname, "..");
const figures: Record<string, number | string> = {};
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function best(times: number, run: () => Promise<RunResult>): Promise<RunResult> {
  let top: RunResult | null = null;
  for (let i = 0; i < times; i++) {
    const r = await run();
    if (!top || r.tokens / r.ms > top.tokens / top.ms) top = r;
  }
  return top!;
}

const tps = (r: RunResult) => Math.round((r.tokens / r.ms) * 1000);

async function streaming(): Promise<void> {
  const openai = await startFakeOpenAI();
  const server = await startBenchServer(openai.url);
  try {
    // Warm both paths (bundles compiled, objects created).
    await streamEdgelit(server.url, "tokens:2000", 2000, 2);
    await streamBare(server.url, "tokens:2000", 2000, 2);

    // Latency first, on a quiet server: 100 sessions leave tens of seconds of background work
    // (D1 writes, session-end alarms) that would disturb both paths.
    // 500 tokens at 50/s (10 s) per run; a p99 rests on its 5 worst tokens, so each path gets
    // two runs, alternating, and keeps its better one (as the throughput figures keep their best).
    const paced = "tokens:500 rate:50 stamp";
    const runs: [RunResult, RunResult][] = [];
    for (let i = 0; i < 2; i++)
      runs.push([
        await streamEdgelit(server.url, paced, 500, 1),
        await streamBare(server.url, paced, 500, 1),
      ]);
    const lowerP99 = (a: RunResult, b: RunResult) =>
      percentile(a.latencies, 99) <= percentile(b.latencies, 99) ? a : b;
    const lat = lowerP99(runs[0]![0], runs[1]![0]);
    const latBare = lowerP99(runs[0]![1], runs[1]![1]);
    figures["latency.50 tok/s p50 ms (edgelit)"] = round(percentile(lat.latencies, 50), 2);
    figures["latency.50 tok/s p99 ms (edgelit)"] = round(percentile(lat.latencies, 99), 2);
    figures["latency.50 tok/s p50 ms (bare relay)"] = round(percentile(latBare.latencies, 50), 2);
    figures["latency.50 tok/s p99 ms (bare relay)"] = round(percentile(latBare.latencies, 99), 2);
    figures["latency.50 tok/s p99 added over bare ms"] = round(
      percentile(lat.latencies, 99) - percentile(latBare.latencies, 99),
      2,
    );
    figures["stream.frames per token (50 tok/s)"] = round(lat.frames / lat.tokens, 3);

    const one = 50_000;
    const e1 = await best(3, () => streamEdgelit(server.url, `tokens:${one}`, one, 1));
    const b1 = await best(3, () => streamBare(server.url, `tokens:${one}`, one, 1));
    figures["stream.1 session tokens/s (edgelit)"] = tps(e1);
    figures["stream.1 session tokens/s (bare relay)"] = tps(b1);
    figures["stream.1 session ratio edgelit/bare"] = round(tps(e1) / tps(b1), 2);
    const ceiling = await best(3, () => streamBare(server.url, `tokens:${one} nosend`, one, 1));
    figures["stream.1 session tokens/s (openai client alone, no sends)"] = tps(ceiling);
    figures["stream.frames per token (unpaced)"] = round(e1.frames / e1.tokens, 4);
    figures["stream.bytes per token (unpaced)"] = round(e1.bytes / e1.tokens, 2);
    figures["stream.bytes per token (bare relay)"] = round(b1.bytes / b1.tokens, 2);

    const each = 2_000;
    const e100 = await best(2, () => streamEdgelit(server.url, `tokens:${each}`, each, 100));
    const b100 = await best(2, () => streamBare(server.url, `tokens:${each}`, each, 100));
    figures["stream.100 sessions tokens/s (edgelit)"] = tps(e100);
    figures["stream.100 sessions tokens/s (bare relay)"] = tps(b100);
    figures["stream.100 sessions ratio edgelit/bare"] = round(tps(e100) / tps(b100), 2);
  } finally {
    await server.stop();
    await openai.close();
  }
}

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

const only = process.argv[2];
if (!only || only === "stream") await streaming();
if (!only || only === "web") webSize();
if (!only || only === "thread") threadOpen();
if (!only || only === "ui") Object.assign(figures, await uiBench());

const width = Math.max(...Object.keys(figures).map((k) => k.length));
console.log("\nEdgelit benchmark");
for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
writeFileSync(
  join(ROOT, "bench/results/latest.json"),
  `${JSON.stringify({ at: new Date().toISOString(), figures }, null, 2)}\n`,
);
process.exit(0);
