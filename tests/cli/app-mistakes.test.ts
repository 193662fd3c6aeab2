/**
 * App mistakes get one clear line naming the file and line (a hook registered twice), and what
 * Workers would refuse at module scope (random ids) is made safe: objects built there work.
 */
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { blankComments } from "../../cli/app-lint.js";
import { chatOnce } from "../helpers/ws-chat.js";
import { freePort, killGroup, runCli, startCli, tempApps, waitFor } from "./helpers.js";

/** Temp apps of this file, removed after its tests. */
const app = tempApps();

describe.concurrent("a hook registered twice", () => {
  it("names both places, in one line", async () => {
    const { dir } = app({
      "app.ts": `import * as cl from "edgelit";\nimport "./more";\n// cl.onMessage(() => {}) in a comment does not count\ncl.onMessage(async () => {});\n`,
      "more.ts": `import { onMessage } from "edgelit";\n\nonMessage(async () => {});\n`,
    });
    const r = await runCli(["run", join(dir, "app.ts"), "--port", "1"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      "edgelit: app.ts:4: cl.onMessage is registered twice (first at more.ts:3); the second would replace the first: register each hook once",
    );
  });

  it("tells action callbacks apart by name", async () => {
    const { dir } = app({
      "app.ts": `import * as cl from "edgelit";\ncl.actionCallback("a", () => {});\ncl.actionCallback("b", () => {});\ncl.actionCallback('a', () => {});\n`,
    });
    const r = await runCli(["deploy", join(dir, "app.ts"), "--dry-run"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^edgelit: app\.ts:4: cl\.actionCallback\("a"\) is registered twice \(first at app\.ts:2\)/,
    );
  });

  it("keeps line numbers when blanking comments, and leaves strings alone", () => {
    const src = `a /* x\ny */ b // c\n"// d" '/* e */'`;
    const blanked = blankComments(src);
    expect(blanked.split("\n")).toHaveLength(3);
    expect(blanked).toContain(`"// d" '/* e */'`);
    expect(blanked).not.toMatch(/[xyc]/);
  });
});

describe("objects built at module scope", () => {
  it("work: Workers forbid random ids there, so they get fixed ids", async () => {
    const { dir } = app({
      "app.ts": `import * as cl from "edgelit";
const help = new cl.Action({ name: "help", payload: {}, label: "Help" });
const note = new cl.Text({ name: "note", content: "a note", display: "inline" });
const canned = new cl.Message({ content: "canned", actions: [help], elements: [note] });
const step = new cl.Step({ name: "prepared", type: "tool" });
cl.onMessage(async (m) => {
  await new cl.Message(\`ids \${[help.id, note.id, canned.id, step.id].join(",")}\`).send();
  await new cl.Message(\`fresh \${new cl.Message("x").id.length}\`).send();
  await new cl.Message(\`got \${m.content}\`).send();
});
`,
    });
    const port = await freePort();
    const started = startCli(["run", "app.ts", "--port", String(port)], { cwd: dir });
    try {
      await waitFor(() => started.output().includes("ready on"), 90_000, "edgelit run");
      const chat = await chatOnce(`http://127.0.0.1:${port}`, "hi");
      expect(chat.lines).toEqual([
        "user_message:hi",
        "assistant_message:ids module-1,module-2,module-3,module-4",
        "assistant_message:fresh 36",
        "assistant_message:got hi",
      ]);
    } finally {
      await killGroup(started.child as ChildProcess);
    }
  }, 120_000);
});
