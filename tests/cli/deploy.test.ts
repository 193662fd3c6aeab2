/** `edgelit deploy --dry-run` of an app outside the repo bundles it without a Cloudflare account. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { echoApp, makeApp, runCli } from "./helpers.js";

describe("edgelit deploy --dry-run", () => {
  const app = makeApp({
    "app.ts": `${echoApp}import OpenAI from "openai";\nexport const Client = OpenAI;\n`,
    "config.toml": '[UI]\nname = "Deployed bot"\n',
    "welcome.md": "# Deployed welcome\n",
    "public/x.txt": "deployed public file\n",
  });
  afterAll(() => app.cleanup());

  it("bundles the app, its texts and its public files, passing wrangler's options through", async () => {
    const out = join(app.dir, "out");
    const r = await runCli(["deploy", "app.ts", "--dry-run", "--outdir", "out"], {
      cwd: app.dir,
      timeoutMs: 120_000,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/--dry-run: exiting now/);
    expect(r.stdout).toMatch(/env\.DB \(edgelit-cli-[\w-]+\)\s+D1 Database/i);
    const bundle = readFileSync(join(out, "index.js"), "utf8");
    expect(bundle).toContain("echo: ");
    const texts = readdirSync(out).filter((f) => /-(config\.toml|welcome\.md)$/.test(f));
    expect(texts).toHaveLength(2);
    const welcome = texts.find((f) => f.endsWith("welcome.md")) ?? "";
    expect(readFileSync(join(out, welcome), "utf8")).toBe("# Deployed welcome\n");
    expect(existsSync(join(app.dir, ".edgelit/assets/public/x.txt"))).toBe(true);
  }, 150_000);
});
