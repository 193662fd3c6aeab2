/**
 * The one polling wait of the test suites (Node and the Workers pool alike): it asks `probe`
 * until it returns something truthy and hands that back, or rejects after `ms` naming `what`
 * it waited for. For what has no event to wait on: a D1 row, a process's output, a call seen.
 */

/** Polls `probe` every `everyMs` until it returns a truthy value; rejects after `ms`. */
export async function waitFor<T>(
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  ms = 8000,
  what = "condition",
  everyMs = 50,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Lets `ms` of real time pass, for a test of an absence: after it, a frame or call that must
 * not come (a late delta, a second answer, a refused request's effect) would have come. No
 * alarm is waited for this way (tests/workers/alarms.ts runs those at once).
 */
export function quiet(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
