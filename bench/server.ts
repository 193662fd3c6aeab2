/**
 * Starts the benchmark Worker with wrangler dev: the kit's wrangler.toml with bench/worker.ts as
 * entry, the bench app plugged in, and the baseline relay's Durable Object added.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "smol-toml";
import { unstable_startWorker } from "wrangler";
import { freePort } from "../tests/e2e/harness.js";

const ROOT = resolve(import.meta.dirname, "..");

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The same Worker and config through wrangler's own API with the inspector off and no file
 * watching: local workerd without the dev server's devtools plumbing, which with one upstream
 * write per token wedges under 100 concurrent streams.
 */
async function startQuiet(configPath: string, dir: string, port: number): Promise<BenchServer> {
  const worker = await unstable_startWorker({
    config: configPath,
    // As `wrangler dev` derives it from the config's nodejs_compat flag; the API does not.
    build: { nodejsCompatMode: "v2" },
    dev: {
      inspector: false,
      watch: false,
      persist: join(dir, "state"),
      logLevel: "warn",
      server: { hostname: "127.0.0.1", port },
    },
  });
  await worker.ready;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stop: async () => {
      await worker.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The Agents SDK's chat agent (bench/agents/worker.ts) on the same quiet local workerd, with the
 * kit's compatibility date and flags, its SQLite Durable Object storage on tmpfs like Edgelit's.
 * Its packages live in bench/agents/node_modules, installed on first use, so the kit's lockfile
 * does not carry them.
 */
export async function startAgentsServer(openaiUrl: string): Promise<BenchServer> {
  const agentsDir = join(ROOT, "bench/agents");
  if (!existsSync(join(agentsDir, "node_modules/agents"))) {
    console.log("  installing the Agents SDK into bench/agents/node_modules (first run only)…");
    const npm = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], {
      cwd: agentsDir,
      stdio: "inherit",
    });
    if (npm.status !== 0) throw new Error("npm ci in bench/agents failed");
  }
  const base = parse(readFileSync(join(ROOT, "wrangler.toml"), "utf8")) as Record<string, unknown>;
  const stateRoot = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  const dir = mkdtempSync(join(stateRoot, "edgelit-bench-agents-"));
  const config = {
    name: "agents-bench",
    main: join(agentsDir, "worker.ts"),
    compatibility_date: base.compatibility_date,
    // nodejs_compat, as the kit's: the Agents SDK needs Node's built-ins.
    compatibility_flags: base.compatibility_flags,
    durable_objects: { bindings: [{ name: "ChatAgent", class_name: "ChatAgent" }] },
    migrations: [{ tag: "v1", new_sqlite_classes: ["ChatAgent"] }],
    vars: { OPENAI_BASE_URL: openaiUrl },
    observability: { enabled: false },
  };
  const configPath = join(dir, "wrangler.json");
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  return startQuiet(configPath, dir, await freePort());
}

/**
 * `quiet` (the default): wrangler's API with the inspector off; `wrangler-dev`: the `wrangler dev`
 * command as a developer runs it, devtools inspector on.
 */
export async function startBenchServer(
  openaiUrl: string,
  host: "quiet" | "wrangler-dev" = "quiet",
): Promise<BenchServer> {
  const base = parse(readFileSync(join(ROOT, "wrangler.toml"), "utf8")) as Record<
    string,
    unknown
  > & {
    durable_objects: { bindings: object[] };
    migrations: { tag: string; new_sqlite_classes?: string[] }[];
  };
  // Local Durable Object storage is a SQLite file per object: in memory (tmpfs) when the machine
  // has one, so 1,000 sessions measure streaming rather than this machine's disk. Deployed
  // Durable Objects do not write to a local disk either.
  const stateRoot = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  const dir = mkdtempSync(join(stateRoot, "edgelit-bench-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "assets/index.html"), "<!doctype html>");
  const config = {
    ...base,
    name: "edgelit-bench",
    main: join(ROOT, "bench/worker.ts"),
    alias: {
      edgelit: join(ROOT, "durable-objects/sdk/index.ts"),
      "edgelit:app": join(ROOT, "bench/app.ts"),
      "edgelit:meta": join(ROOT, "bench/meta.ts"),
    },
    assets: {
      ...(base.assets as { run_worker_first: string[] }),
      directory: join(dir, "assets"),
      run_worker_first: [
        ...(base.assets as { run_worker_first: string[] }).run_worker_first,
        "/bare/*",
        "/bare-read",
        "/bench-meter/*",
        "/bench-instances",
      ],
    },
    durable_objects: {
      bindings: [...base.durable_objects.bindings, { name: "BARE_RELAY", class_name: "BareRelay" }],
    },
    migrations: [...base.migrations, { tag: "bench-relay", new_sqlite_classes: ["BareRelay"] }],
    d1_databases: (base.d1_databases as { migrations_dir: string }[]).map((d) => ({
      ...d,
      migrations_dir: join(ROOT, d.migrations_dir),
    })),
    vars: { OPENAI_BASE_URL: openaiUrl },
    observability: { enabled: false },
  };
  const configPath = join(dir, "wrangler.json");
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  // The session writes history to D1: its tables must exist, as `npm run dev` makes them.
  const migrated = spawnSync(
    process.execPath,
    [
      join(ROOT, "node_modules/wrangler/bin/wrangler.js"),
      "d1",
      "migrations",
      "apply",
      "DB",
      "--local",
      "--config",
      configPath,
      "--persist-to",
      join(dir, "state"),
    ],
    { cwd: dir, env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
  );
  if (migrated.status !== 0) throw new Error(`D1 migrations failed:\n${migrated.stderr}`);
  const port = await freePort();
  if (host === "quiet") return startQuiet(configPath, dir, port);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, "node_modules/wrangler/bin/wrangler.js"),
      "dev",
      "--config",
      configPath,
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      join(dir, "state"),
      "--log-level",
      "warn",
    ],
    {
      cwd: dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" },
    },
  );
  let logs = "";
  child.stdout?.on("data", (d) => (logs += d));
  child.stderr?.on("data", (d) => (logs += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`bench server did not start:\n${logs}`);
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      // Starting.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      try {
        process.kill(-(child.pid as number), "SIGTERM");
      } catch {
        // Already gone.
      }
      await new Promise((r) => setTimeout(r, 500));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
