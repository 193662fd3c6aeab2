/**
 * Integrations cost nothing unless imported: `edgelit deploy --dry-run` of an app that uses none
 * bundles none of their code (markers: string literals that survive minifying), and each example
 * app of an integration does bundle its markers, so they are real. Apps are bundled outside the
 * repo, as a user's would be.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { echoApp, makeApp, repoRoot, runCli } from "./helpers.js";

/** A string literal each integration's code carries, and where it comes from. */
const MARKERS: Record<string, string> = {
  "anthropic-version": "@anthropic-ai/sdk (its API version header)",
  '"anthropic"': "cl.instrumentAnthropic",
  '"mistral"': "cl.instrumentMistral",
  '"workers-ai"': "cl.instrumentWorkersAI",
  '"Reasoning"': "edgelit/ai-sdk (the reasoning step's name)",
  AI_APICallError: "ai (the AI SDK)",
  '"Retrieved nothing"': "the framework integrations' shared run steps (integrations/run-steps.ts)",
  ls_model_name: "@langchain/core",
  closeWithSources: "edgelit/llamaindex (its event steps)",
  "Cannot find LLM": "@llamaindex/core",
  ensureAgent: "edgelit/openai-agents (its run view)",
  transfer_to_: "@openai/agents",
  "mcp-protocol-version": "@modelcontextprotocol/sdk (its protocol version header)",
};

/** The markers each example app must bundle: its own integration's and its library's. */
const EXAMPLES: Record<string, string[]> = {
  anthropic: ["anthropic-version", '"anthropic"'],
  mistral: ['"mistral"'],
  "workers-ai": ['"workers-ai"'],
  "ai-sdk": ['"Reasoning"', "AI_APICallError"],
  langchain: ['"Retrieved nothing"', "ls_model_name"],
  llamaindex: ['"Retrieved nothing"', "closeWithSources", "Cannot find LLM"],
  "multi-agent": ["ensureAgent", "transfer_to_"],
  mcp: ["mcp-protocol-version"],
};

/** An example's files, to bundle from a folder outside the repo. */
function example(name: string): Record<string, string> {
  const dir = join(repoRoot, "examples", name);
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => [f.name, readFileSync(join(dir, f.name), "utf8")] as const),
  );
}

async function bundle(files: Record<string, string>): Promise<{ code: string; gzipKiB: number }> {
  const app = makeApp(files);
  try {
    const r = await runCli(["deploy", "app.ts", "--dry-run", "--outdir", "out"], {
      cwd: app.dir,
      timeoutMs: 120_000,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const gzipKiB = Number(/gzip: ([\d.]+) KiB/.exec(r.stdout)?.[1]);
    return { code: readFileSync(join(app.dir, "out", "index.js"), "utf8"), gzipKiB };
  } finally {
    app.cleanup();
  }
}

describe("integrations are paid for only when imported", () => {
  const sizes: Record<string, number> = {};
  afterAll(() => console.log(`worker gzip KiB: ${JSON.stringify(sizes)}`));

  it("an app that imports none bundles none of their code", async () => {
    const plain = await bundle({ "app.ts": echoApp });
    sizes.none = plain.gzipKiB;
    const found = Object.keys(MARKERS).filter((m) => plain.code.includes(m));
    expect(found.map((m) => MARKERS[m])).toEqual([]);
    expect(plain.gzipKiB).toBeGreaterThan(0);
  }, 150_000);

  // The markers are real: each example app bundles its integration (and so builds at all).
  for (const [name, markers] of Object.entries(EXAMPLES)) {
    it(`examples/${name} bundles its integration`, async () => {
      const built = await bundle(example(name));
      sizes[name] = built.gzipKiB;
      expect(markers.filter((m) => !built.code.includes(m))).toEqual([]);
      expect(built.gzipKiB).toBeGreaterThan(sizes.none ?? 0);
    }, 150_000);
  }
});
