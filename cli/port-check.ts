/**
 * Refuses a port that is already taken before wrangler starts: otherwise an older server on the
 * same port could answer /health and the run would look ready while wrangler failed.
 */
import { createServer } from "node:net";
import { CliError } from "./errors.js";

/** @throws CliError when `host:port` cannot be listened on. */
export function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (err: NodeJS.ErrnoException) => {
      const why = err.code === "EADDRINUSE" ? "is already in use" : `cannot be used (${err.code})`;
      reject(new CliError(`port ${port} on ${host} ${why}; choose another with --port`));
    });
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}
