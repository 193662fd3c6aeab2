/**
 * `edgelit run` while the author edits: a broken save is reported with the file and line and
 * the dev server keeps running; the fixed file is served without a restart.
 */
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, killGroup, makeApp, startCli, waitFor } from "./helpers.js";

const app = (label: string) => `import * as cl from "edgelit";
cl.setStarters(() => [new cl.Starter({ label: "${label}", message: "hi" })]);
`;

/** The starters' labels the running app offers (a dev server mid-rebuild may hold requests). */
async function starters(origin: string): Promise<string[]> {
  const res = await fetch(`${origin}/api/config`, { signal: AbortSignal.timeout(5_000) });
  const body = (await res.json()) as { starters: { label: string }[] };
  return body.starters.map((s) => s.label);
}

describe("edgelit run while the app is edited", () => {
  const files = makeApp({ "app.ts": app("first") });
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child) await killGroup(child);
    files.cleanup();
  });

  it("reports a broken save, keeps running, and serves the fixed file", async () => {
    const port = await freePort();
    const started = startCli(["run", "app.ts", "--port", String(port)], { cwd: files.dir });
    child = started.child;
    const origin = `http://127.0.0.1:${port}`;
    await waitFor(() => started.output().includes("ready on"), 90_000, "ready");
    expect(await starters(origin)).toEqual(["first"]);

    const before = started.output().length;
    writeFileSync(join(files.dir, "app.ts"), `${app("broken")}\ncl.onMessage(async (m) => {\n`);
    await waitFor(
      () => /app\.ts:\d+/.test(started.output().slice(before)),
      60_000,
      "the syntax error to be reported with the file and line",
    );
    await new Promise((r) => setTimeout(r, 2_000));
    expect(child.exitCode).toBeNull();

    writeFileSync(join(files.dir, "app.ts"), app("second"));
    await waitFor(
      async () => (await starters(origin).catch((): string[] => [])).includes("second"),
      90_000,
      "the fixed app to be served",
    );
  }, 300_000);
});
