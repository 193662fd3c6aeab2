#!/usr/bin/env node
/**
 * Gzip size of the JavaScript a browser fetches on first load of the chat route: the module
 * scripts and modulepreloads named in web/dist/index.html (lazy chunks are not counted).
 *
 *   node web/scripts/size.mjs          human-readable report
 *   node web/scripts/size.mjs --json   {"files":[...],"gzipBytes":N,"gzipKiB":N,"budgetKiB":60}
 *
 * Exits 1 when the total is over budget, 2 when there is no build.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KIB = 60;
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const indexPath = join(dist, "index.html");
if (!existsSync(indexPath)) {
  console.error("web/dist/index.html not found: run `npm run build:web` first");
  process.exit(2);
}
const html = readFileSync(indexPath, "utf8");
const urls = new Set();
for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
  const isModule = /^<script/.test(tag) && /type=["']?module/.test(tag);
  const isPreload = /^<link/.test(tag) && /rel=["']?modulepreload/.test(tag);
  const url = /(?:src|href)=["']?([^"' >]+)/.exec(tag)?.[1];
  if ((isModule || isPreload) && url) urls.add(url);
}
const files = [...urls].map((url) => {
  const bytes = readFileSync(join(dist, url.replace(/^\//, "")));
  return { file: url, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
});
const gzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
const gzipKiB = Math.round((gzipBytes / 1024) * 10) / 10;
if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ files, gzipBytes, gzipKiB, budgetKiB: BUDGET_KIB }));
} else {
  for (const f of files) console.log(`${f.file}  ${f.bytes} B  gzip ${f.gzipBytes} B`);
  console.log(`first-load JS: ${gzipKiB} KiB gzip (budget ${BUDGET_KIB} KiB)`);
}
process.exit(gzipKiB > BUDGET_KIB ? 1 : 0);
