import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The copilot widget: one classic script (an IIFE, so any page can add it with a plain
 * `<script src>`), built into web/dist/copilot/index.js after the web app's build. Its gzip
 * size has a budget of 40 KiB (tests/e2e/copilot.test.ts checks it).
 */
export default defineConfig({
  build: {
    outDir: here("../dist/copilot"),
    emptyOutDir: true,
    target: "es2022",
    lib: {
      entry: here("./src/index.ts"),
      formats: ["iife"],
      name: "EdgelitCopilot",
      fileName: () => "index.js",
    },
  },
});
