/**
 * The reader-only Worker (bench/reader-worker.ts) in plain workerd through Miniflare: no
 * wrangler dev, so none of its proxy or inspector. Beside the same Worker under wrangler dev it
 * shows how much of a ceiling the local dev server itself sets.
 */
import { readFileSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { parse } from "smol-toml";

const ROOT = resolve(import.meta.dirname, "..");

export interface PlainWorker {
  /** `GET ${readerUrl}?prompt=…` answers `{ tokens }` once the stream is read. */
  readerUrl: string;
  stop(): Promise<void>;
}

export async function startPlainReader(openaiUrl: string): Promise<PlainWorker> {
  const dir = await mkdtemp(join(tmpdir(), "edgelit-reader-"));
  const out = join(dir, "reader.js");
  await build({
    entryPoints: [join(ROOT, "bench/reader-worker.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    outfile: out,
    logLevel: "error",
  });
  const kit = parse(readFileSync(join(ROOT, "wrangler.toml"), "utf8"));
  const mf = new Miniflare({
    modules: [{ type: "ESModule", path: "reader.js", contents: readFileSync(out, "utf8") }],
    // The same runtime settings as the kit's Worker.
    compatibilityDate: String(kit.compatibility_date),
    compatibilityFlags: kit.compatibility_flags as string[],
    bindings: { OPENAI_BASE_URL: openaiUrl },
  });
  const url = await mf.ready;
  return {
    readerUrl: new URL("/read", url).href,
    stop: async () => {
      await mf.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
