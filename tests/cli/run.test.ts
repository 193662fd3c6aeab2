/**
 * `edgelit run` of apps in temp folders outside the repo, on the real wrangler and workerd:
 * ready on /health, public files, welcome.md, config.toml, .dev.vars, signals.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { echoApp, freePort, killGroup, makeApp, startCli, waitFor } from "./helpers.js";

const readyWithin = 90_000;

/** Starts `edgelit run` on a free port and waits for its ready line. */
async function startApp(dir: string, env?: Record<string, string>) {
  const port = await freePort();
  const started = startCli(["run", "app.ts", "--port", String(port)], { cwd: dir, env });
  const exited = new Promise<number | null>((r) => started.child.once("exit", r));
  let code: number | null | undefined;
  void exited.then((c) => (code = c));
  await waitFor(
    () => {
      if (code !== undefined) throw new Error(`edgelit run exited (${code}):\n${started.output()}`);
      return started.output().includes(`ready on http://127.0.0.1:${port}`);
    },
    readyWithin,
    "edgelit run to be ready",
  );
  return { ...started, origin: `http://127.0.0.1:${port}`, exited };
}

describe("edgelit run of an app outside the repo", () => {
  const app = makeApp({
    "app.ts": echoApp,
    "config.toml": '[UI]\nname = "Temp bot"\n',
    "welcome.md": "# Hello from a temp app\n",
    "public/x.txt": "a public file\n",
  });
  let running: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    running = await startApp(app.dir);
  }, readyWithin + 10_000);
  afterAll(async () => {
    await killGroup(running?.child as ChildProcess);
    app.cleanup();
  });

  it("prints one ready line naming the app once /health answers 200", async () => {
    expect(running.output()).toMatch(
      /Edgelit app edgelit-cli-[\w-]+ ready on http:\/\/127\.0\.0\.1:\d+/,
    );
    const res = await fetch(`${running.origin}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("serves the app's public folder at /public", async () => {
    const res = await fetch(`${running.origin}/public/x.txt`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("a public file\n");
  });

  it("serves a public file added while running", async () => {
    writeFileSync(join(app.dir, "public/late.txt"), "added later\n");
    // (A missing asset answers with the SPA's index.html, so wait for the content itself.)
    const served = async () => (await fetch(`${running.origin}/public/late.txt`)).text();
    await waitFor(async () => (await served()) === "added later\n", 20_000, "the new file");
  });

  it("serves welcome.md and config.toml through /api/config", async () => {
    const res = await fetch(`${running.origin}/api/config`);
    expect(res.status).toBe(200);
    const config = (await res.json()) as { welcome: string | null; ui: { name: string } };
    expect(config.welcome).toBe("# Hello from a temp app\n");
    expect(config.ui.name).toBe("Temp bot");
  });

  it("keeps its state beside the app", () => {
    expect(existsSync(join(app.dir, ".edgelit/wrangler.json"))).toBe(true);
    expect(existsSync(join(app.dir, ".edgelit/data"))).toBe(true);
  });

  it("stops wrangler and workerd on SIGINT", async () => {
    process.kill(running.child.pid as number, "SIGINT");
    const code = await running.exited;
    expect(code === 0 || code === 130, `exit code ${code}`).toBe(true);
    await expect(fetch(`${running.origin}/health`)).rejects.toThrow();
  });
});

describe("edgelit run of an app with password auth", () => {
  const app = makeApp({
    "app.ts": `${echoApp}cl.passwordAuthCallback((u, p) => (p === "pw" ? new cl.User({ identifier: u }) : null));\n`,
    ".dev.vars": "EDGELIT_AUTH_SECRET=oBSlONB7CdiEK3qn5rNZqfIW2LNASyZMe5SPVIF_lns\n",
  });
  let running: Awaited<ReturnType<typeof startApp>> | undefined;
  afterAll(async () => {
    if (running) await killGroup(running.child);
    app.cleanup();
  });

  it(
    "starts when .dev.vars holds EDGELIT_AUTH_SECRET and hands it and the environment to the Worker",
    async () => {
      running = await startApp(app.dir, { OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
      // wrangler lists the bindings it gives the Worker; secrets show as (hidden).
      expect(running.output()).toMatch(/env\.EDGELIT_AUTH_SECRET\b.*local/);
      expect(running.output()).toMatch(/env\.OPENAI_BASE_URL\b.*local/);
      const vars = readFileSync(join(app.dir, ".edgelit/.dev.vars"), "utf8");
      expect(vars).toContain("EDGELIT_AUTH_SECRET='oBSlONB7CdiEK3qn5rNZqfIW2LNASyZMe5SPVIF_lns'");
      expect(statSync(join(app.dir, ".edgelit/.dev.vars")).mode & 0o777).toBe(0o600);
    },
    readyWithin + 10_000,
  );
});
