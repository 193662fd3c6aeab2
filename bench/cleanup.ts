/**
 * What a benchmark started and must stop if `npm run bench` runs out of time: wrangler dev,
 * `edgelit run` and Chromium run in their own process groups and would outlive the bench.
 */
const stops = new Set<() => Promise<unknown>>();

/** Registers `stop` until the returned function is called (after a normal stop). */
export function stopOnDeadline(stop: () => Promise<unknown>): () => void {
  stops.add(stop);
  return () => stops.delete(stop);
}

/** Runs every registered stop, each given at most `ms`. */
export async function stopAll(ms = 10_000): Promise<void> {
  await Promise.all(
    [...stops].map((stop) =>
      Promise.race([stop().catch(() => {}), new Promise((r) => setTimeout(r, ms))]),
    ),
  );
}
