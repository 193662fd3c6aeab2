/**
 * Runs the kit's pinned wrangler with the current node. Long-running commands inherit stdio and
 * get the signals this process receives; their exit code is passed through.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { constants } from "node:os";
import { wranglerBin } from "./paths.js";

/** The environment wrangler runs in: the user's, without the telemetry prompt. */
function wranglerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: process.env.WRANGLER_SEND_METRICS ?? "false" };
}

/** Runs a short wrangler command non-interactively; its output is returned, not shown. */
export function runWranglerQuiet(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin(), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...wranglerEnv(), CI: "true" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code: exitCode(code, signal), output }));
  });
}

/** Starts wrangler with inherited stdio, forwarding SIGINT, SIGTERM and SIGHUP to it. */
export function startWrangler(args: string[]): { child: ChildProcess; exited: Promise<number> } {
  const child = spawn(process.execPath, [wranglerBin(), ...args], {
    stdio: "inherit",
    env: wranglerEnv(),
  });
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(exitCode(code, signal));
    });
  });
  return { child, exited };
}

/** A child's exit as a shell would report it: its code, or 128 + the signal's number. */
function exitCode(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}
