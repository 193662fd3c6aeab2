/**
 * The server tiers point one way: worker/ -> durable-objects/ -> protocol/, schema/, and the
 * author API (durable-objects/sdk/) enters a session only through its door (session/door.ts).
 * The graph is the one esbuild bundles (type-only imports are erased, as at run time), built
 * from every public entry point, so a new arrow from durable-objects/ into worker/, a runtime
 * import cycle among the server tiers, or an SDK file reaching into the session's store,
 * emitter, storage or ask waiters fails here, naming the files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { cycles, type Graph, importGraph } from "./import-graph.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const ENTRIES = [
  "worker/entry.ts",
  "durable-objects/sdk/index.ts",
  "testing/index.ts",
  "integrations/ai-sdk.ts",
];
const SERVER_TIERS = ["worker/", "durable-objects/", "protocol/", "schema/", "integrations/"];

const inServerTiers = (file: string) => SERVER_TIERS.some((tier) => file.startsWith(tier));

describe("tiers", () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await importGraph(root, ENTRIES);
  });

  it("sees the whole server: the session, its SDK and the Worker's routes", () => {
    for (const file of [
      "durable-objects/chat-session.ts",
      "durable-objects/session/handlers.ts",
      "worker/http.ts",
      "protocol/frames.ts",
    ]) {
      expect(graph.has(file), file).toBe(true);
    }
  });

  it("has no import from durable-objects/ into worker/", () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      file.startsWith("durable-objects/")
        ? imports.filter((i) => i.startsWith("worker/")).map((i) => `${file} -> ${i}`)
        : [],
    );
    expect(upward).toEqual([]);
  });

  it("has no import from protocol/ or schema/ into worker/ or durable-objects/", () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      file.startsWith("protocol/") || file.startsWith("schema/")
        ? imports
            .filter((i) => i.startsWith("worker/") || i.startsWith("durable-objects/"))
            .map((i) => `${file} -> ${i}`)
        : [],
    );
    expect(upward).toEqual([]);
  });

  it("has no runtime import cycle among the server tiers", () => {
    expect(cycles(graph, inServerTiers).map((c) => c.join(" -> "))).toEqual([]);
  });

  it("has the author API enter the session only through its door", () => {
    // context.ts hands out the door; files.ts lends pure helpers (elementTypeFor, ASK_DEFAULTS).
    const allowed = new Set([
      "durable-objects/session/context.ts",
      "durable-objects/session/files.ts",
    ]);
    const inside = [...graph].flatMap(([file, imports]) =>
      file.startsWith("durable-objects/sdk/")
        ? imports
            .filter((i) => i.startsWith("durable-objects/session/") && !allowed.has(i))
            .map((i) => `${file} -> ${i}`)
        : [],
    );
    expect(inside).toEqual([]);
  });

  it("has no SDK or integration file touching the session's insides", () => {
    const insides = /\.(store|emitter|persister|askWaiters|ctx)\b|env\.FILES|\.storage\b/;
    const touching: string[] = [];
    for (const dir of ["durable-objects/sdk", "integrations"]) {
      for (const name of readdirSync(join(root, dir))) {
        if (!name.endsWith(".ts")) continue;
        const lines = readFileSync(join(root, dir, name), "utf8").split("\n");
        lines.forEach((line, i) => {
          if (insides.test(line)) touching.push(`${dir}/${name}:${i + 1}: ${line.trim()}`);
        });
      }
    }
    expect(touching).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself works)", () => {
    const fake: Graph = new Map([
      ["worker/a.ts", ["worker/b.ts"]],
      ["worker/b.ts", ["worker/c.ts"]],
      ["worker/c.ts", ["worker/a.ts"]],
      ["worker/d.ts", ["worker/a.ts"]],
    ]);
    expect(cycles(fake, inServerTiers)).toEqual([
      ["worker/a.ts", "worker/b.ts", "worker/c.ts", "worker/a.ts"],
    ]);
  });
});
