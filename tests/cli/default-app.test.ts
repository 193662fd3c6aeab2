import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("the repo's default app with plain wrangler", () => {
  it("bundles with `wrangler deploy --dry-run` and no wrapper", () => {
    const outdir = mkdtempSync(join(tmpdir(), "edgelit-dry-"));
    const result = spawnSync(
      process.execPath,
      [
        join(root, "node_modules/wrangler/bin/wrangler.js"),
        "deploy",
        "--dry-run",
        "--outdir",
        outdir,
      ],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
      },
    );
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toContain("--dry-run: exiting now.");
    expect(output).toMatch(/CHAT_SESSION \(ChatSession\)/);
    expect(existsSync(join(outdir, "index.js"))).toBe(true);
  });
});
