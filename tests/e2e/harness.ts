/**
 * End-to-end harness: runs an app with the real `edgelit run` (wrangler dev, workerd, local D1
 * and R2) on a free loopback port, and drives headless Chromium with playwright-core.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

export const ROOT = resolve(import.meta.dirname, "../..");
export const ARTIFACTS = join(ROOT, "tests/artifacts");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? res(address.port) : rej(new Error("no port")),
      );
    });
  });
}

export interface RunningApp {
  url: string;
  port: number;
  stateDir: string;
  logs: () => string;
  stop(): Promise<void>;
  /** Stops the server (every socket drops) and starts it again on the same port and state. */
  restart(): Promise<void>;
}

/**
 * Writes an app outside the repo: `app.ts` re-exports `source` (an app file of examples/ or a
 * fixture) and `.dev.vars` holds `vars`, like a user's own project folder.
 */
export function appDir(
  source: string,
  vars: Record<string, string> = {},
  files: Record<string, string> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), "edgelit-e2e-"));
  writeFileSync(join(dir, "app.ts"), `import ${JSON.stringify(resolve(ROOT, source))};\n`);
  const lines = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
  if (lines.length) writeFileSync(join(dir, ".dev.vars"), `${lines.join("\n")}\n`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return join(dir, "app.ts");
}

async function waitHealthy(
  url: string,
  child: ChildProcess,
  logs: () => string,
  ms = 90_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`edgelit run exited with ${child.exitCode}:\n${logs()}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`edgelit run did not become healthy:\n${logs()}`);
}

export async function startApp(appFile: string): Promise<RunningApp> {
  const port = await freePort();
  // Its own inspector port: two servers starting at once would otherwise race for 9229.
  const inspectorPort = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), "edgelit-state-"));
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(
      process.execPath,
      [
        join(ROOT, "bin/edgelit.mjs"),
        "run",
        appFile,
        "--port",
        String(port),
        "--persist-to",
        stateDir,
        "--inspector-port",
        String(inspectorPort),
      ],
      {
        cwd: ROOT,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" },
      },
    );
    child.stdout?.on("data", (d) => {
      output += d;
    });
    child.stderr?.on("data", (d) => {
      output += d;
    });
    await waitHealthy(url, child, () => output);
  };
  const kill = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-(child.pid as number), "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // Gone.
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  return {
    url,
    port,
    stateDir,
    logs: () => output,
    stop: kill,
    restart: async () => {
      await kill();
      await launch();
    },
  };
}

/** Headless Chromium with the suite's flags, and `args` besides. */
export async function launchBrowser(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.EDGELIT_CHROMIUM ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, ...args],
  });
}

/** Text of every rendered `.step`, as `type:text`. */
export async function steps(page: Page): Promise<string[]> {
  return page
    .locator(".step")
    .evaluateAll((els) =>
      els.map(
        (e) =>
          `${e.getAttribute("data-step-type")}:${(e.querySelector(".message-content")?.textContent ?? "").trim()}`,
      ),
    );
}

/**
 * Types `text` and sends it as a user would: once the composer can send (a hook that just
 * showed its last message may still be running; Enter does nothing until it ends).
 */
export async function send(page: Page, text: string): Promise<void> {
  await page.locator("#chat-input").fill(text);
  await page.locator("#chat-submit:not([disabled])").waitFor();
  await page.locator("#chat-input").press("Enter");
}

/** Screenshots in tests/artifacts named `<prefix>-<name>.png`, for a person to look at. */
export function shooter(prefix: string): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${prefix}-${name}.png`) });
  };
}

/** The thread id in the page's `/thread/:id` URL, once the chat has one. */
export async function threadId(page: Page): Promise<string> {
  await expect.poll(() => page.url()).toMatch(/\/thread\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop() ?? "";
}
