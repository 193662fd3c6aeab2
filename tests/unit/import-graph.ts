/**
 * The repo's runtime import graph as esbuild bundles it from the given entry points: type-only
 * imports are erased (as at run time), packages and runtime modules (`cloudflare:*`, `node:*`,
 * `edgelit:*`) are left out, so every node is a file of the repo.
 */
import { build } from "esbuild";

/** file -> the repo files it imports at run time (paths relative to the repo root). */
export type Graph = Map<string, string[]>;

export async function importGraph(root: string, entryPoints: string[]): Promise<Graph> {
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    bundle: true,
    write: false,
    metafile: true,
    outdir: "out",
    format: "esm",
    platform: "neutral",
    logLevel: "silent",
    packages: "external",
    external: ["cloudflare:*", "node:*", "edgelit:*"],
  });
  const inputs = result.metafile.inputs;
  const graph: Graph = new Map();
  for (const [file, input] of Object.entries(inputs)) {
    graph.set(
      file,
      input.imports.filter((i) => !i.external && i.path in inputs).map((i) => i.path),
    );
  }
  return graph;
}

/** The import cycles of the graph restricted to the files `keep` accepts, each once. */
export function cycles(graph: Graph, keep: (file: string) => boolean): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!keep(next)) continue;
      if (state.get(next) === "open") {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join(" ");
        if (!seen.has(key)) {
          seen.add(key);
          found.push([...cycle, next]);
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (keep(file) && !state.has(file)) visit(file);
  return found;
}
