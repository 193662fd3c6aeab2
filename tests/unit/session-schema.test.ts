/**
 * A session's SQLite has one schema: every table is made in durable-objects/session/store/
 * schema.ts, as a numbered migration, so no module re-runs CREATE TABLE when it is called
 * (tests/workers/store-upgrade.test.ts checks the migrations on the real runtime).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SESSION = join(root, "durable-objects/session");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("the session's tables", () => {
  it("are all made in store/schema.ts", () => {
    const making = sources(SESSION)
      .filter((file) => /\bCREATE\s+(TABLE|INDEX)\b/i.test(readFileSync(file, "utf8")))
      .map((file) => relative(root, file));
    expect(making).toEqual(["durable-objects/session/store/schema.ts"]);
  });

  it("are read and written through a store, never by files.ts (uploads)", () => {
    const text = readFileSync(join(SESSION, "files.ts"), "utf8");
    expect(text).not.toMatch(/\.exec\(|\bsql\b/);
  });
});
