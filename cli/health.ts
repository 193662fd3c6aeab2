/** Readiness of a running app: `GET /health` answers 200 (CONTRACT.md §6). */

/** The URL a browser uses for a listen address (wildcards become loopback). */
export function originFor(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * Polls `<origin>/health` until it answers 200; false when `stopped` settles first.
 * @example
 * if (await waitForHealth("http://127.0.0.1:8787", exited)) console.log("ready");
 */
export async function waitForHealth(origin: string, stopped: Promise<unknown>): Promise<boolean> {
  let done = false;
  void stopped.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) {
    try {
      const res = await fetch(`${origin}/health`, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
