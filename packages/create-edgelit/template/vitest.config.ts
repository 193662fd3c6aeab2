import { edgelitTest } from "edgelit/vitest";
import { defineConfig } from "vitest/config";

// Tests run inside workerd (the Workers Vitest pool) against wrangler.jsonc, with local D1 and R2.
export default defineConfig({ plugins: edgelitTest({ configPath: "./wrangler.jsonc" }) });
