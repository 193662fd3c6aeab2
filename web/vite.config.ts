import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [solid()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The first-load budget is measured from these files; keep hashes for immutable caching.
    assetsInlineLimit: 0,
  },
  server: {
    // `vite dev` against a running `wrangler dev` (port 8799 by convention for UI work).
    proxy: {
      "/api": "http://127.0.0.1:8799",
      "/auth": "http://127.0.0.1:8799",
      "/public": "http://127.0.0.1:8799",
      "/ws": { target: "ws://127.0.0.1:8799", ws: true },
    },
  },
});
