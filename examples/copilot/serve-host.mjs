#!/usr/bin/env node
/**
 * Serves host.html on http://localhost:8000 (another site than the app on 127.0.0.1:8787, as a
 * real host page would be): `node examples/copilot/serve-host.mjs [port] [appUrl]`.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? 8000);
const app = process.argv[3] ?? "http://127.0.0.1:8787";
const page = readFileSync(new URL("./host.html", import.meta.url), "utf8").replaceAll(
  "http://127.0.0.1:8787",
  app,
);
createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(page);
}).listen(port, "localhost", () => console.log(`host page on http://localhost:${port}`));
