/**
 * An app's own bindings: a wrangler.jsonc beside app.ts is merged into the config `edgelit run`
 * generates, the binding works on the real runtime, and `env.MY_KV` type-checks through the
 * generated tsconfig.
 */
import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { locateApp } from "../../cli/app.js";
import { prepareApp } from "../../cli/prepare.js";
import { chatOnce } from "../helpers/ws-chat.js";
import { freePort, killGroup, makeApp, repoRoot, runCli, startCli, waitFor } from "./helpers.js";

const kvApp = `import { env } from "cloudflare:workers";
import * as cl from "edgelit";
cl.onMessage(async (m) => {
  await env.MY_KV.put("last", m.content);
  await new cl.Message(\`kv: \${await env.MY_KV.get("last")} (\${env.GREETING})\`).send();
});
`;
const wranglerJsonc = `{
  // The app's own bindings (comments and trailing commas allowed, as in wrangler)
  "name": "ignored-the-kit-names-the-worker",
  "kv_namespaces": [{ "binding": "MY_KV", "id": "local-kv" },],
  "vars": { "GREETING": "hi from vars" },
}
`;

const apps: { cleanup(): void }[] = [];
afterAll(() => {
  for (const app of apps.splice(0)) app.cleanup();
});

describe("a wrangler.jsonc beside the app", () => {
  it("adds its KV namespace and vars; the app uses them on the real runtime", async () => {
    const app = makeApp({ "app.ts": kvApp, "wrangler.jsonc": wranglerJsonc });
    apps.push(app);
    const port = await freePort();
    const started = startCli(["run", "app.ts", "--port", String(port)], { cwd: app.dir });
    try {
      await waitFor(() => started.output().includes("ready on"), 90_000, started.output());
      const chat = await chatOnce(`http://127.0.0.1:${port}`, "remember me");
      expect(chat.lines.at(-1)).toBe("assistant_message:kv: remember me (hi from vars)");
    } finally {
      await killGroup(started.child as ChildProcess);
    }
    const generated = JSON.parse(readFileSync(join(app.dir, ".edgelit/wrangler.json"), "utf8"));
    expect(generated.name).toBe(app.dir.split("/").at(-1)?.toLowerCase());
    expect(generated.kv_namespaces).toEqual([{ binding: "MY_KV", id: "local-kv" }]);
    expect(generated.d1_databases.map((d: { binding: string }) => d.binding)).toEqual(["DB"]);
  }, 120_000);

  it("types the bindings: env.MY_KV and env.GREETING type-check, a misuse does not", async () => {
    const app = makeApp({
      "app.ts": kvApp,
      "bad.ts": `import { env } from "cloudflare:workers";\nexport const n: number = env.GREETING;\n`,
      "wrangler.jsonc": wranglerJsonc,
      "web/index.html": "ui",
    });
    apps.push(app);
    const files = locateApp(join(app.dir, "app.ts"));
    await prepareApp(files, { webDist: join(app.dir, "web") });
    const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", join(files.stateDir, "tsconfig.json")], {
      cwd: app.dir,
      encoding: "utf8",
    });
    const errors = r.stdout.split("\n").filter((l) => /error TS/.test(l) && !l.startsWith("/"));
    // GREETING is known (a string var), so the error is its type, not "does not exist".
    expect(errors).toEqual([
      expect.stringMatching(
        /^bad\.ts\(2,14\): error TS2322: Type '[^']+' is not assignable to type 'number'/,
      ),
    ]);
  }, 120_000);

  it("refuses a binding name the kit owns, naming the file", async () => {
    const app = makeApp({
      "app.ts": kvApp,
      "wrangler.jsonc": `{ "kv_namespaces": [{ "binding": "DB", "id": "x" }] }`,
    });
    apps.push(app);
    const r = await runCli(["deploy", join(app.dir, "app.ts"), "--dry-run"], { cwd: app.dir });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      "edgelit: wrangler.jsonc: kv_namespaces: the binding name DB is the kit's; choose another",
    );
  });
});
