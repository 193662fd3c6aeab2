/**
 * Helpers of the feature end-to-end tests: an example app run from a folder outside the repo
 * with its config.toml and public/ files copied beside it (fixtures.ts's `apps.example`), and
 * waits on the conversation.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { appDir, ROOT, type RunningApp, startApp, steps } from "./harness.js";

function filesUnder(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, filesUnder(path, base));
    else out[relative(base, path)] = readFileSync(path, "utf8");
  }
  return out;
}

/** Starts `examples/<name>/app.ts` with its config.toml and public/ beside a copy of it. */
export async function startExample(
  name: string,
  extra: Record<string, string> = {},
): Promise<RunningApp> {
  const dir = join(ROOT, "examples", name);
  const files: Record<string, string> = { ...extra };
  for (const file of ["config.toml", "welcome.md"]) {
    if (existsSync(join(dir, file))) files[file] = readFileSync(join(dir, file), "utf8");
  }
  for (const [path, text] of Object.entries(filesUnder(join(dir, "public")))) {
    files[join("public", path)] = text;
  }
  return startApp(appDir(`examples/${name}/app.ts`, {}, files));
}

/** Waits until some rendered step contains `text`. */
export async function waitForStep(page: Page, text: string, timeout = 15_000): Promise<void> {
  await expect.poll(async () => (await steps(page)).join("\n"), { timeout }).toContain(text);
}

/** A file for `setInputFiles`. */
export function file(name: string, content: string, mimeType = "text/plain") {
  return { name, mimeType, buffer: Buffer.from(content) };
}
