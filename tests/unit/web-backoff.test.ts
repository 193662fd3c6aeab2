/**
 * The web client's reconnect backoff: grows from a quarter second, never waits longer than
 * MAX_BACKOFF_MS, keeps half its jitter range, so after an outage of any length a client is
 * back within MAX_BACKOFF_MS of the server (what the deploy drill measures as reconnect time).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { backoffMs, MAX_BACKOFF_MS } from "../../web/src/net/connection.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("reconnect backoff", () => {
  it("starts short and grows", () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    expect(backoffMs(1)).toBe(500);
    expect(backoffMs(2)).toBe(1000);
    expect(backoffMs(3)).toBeGreaterThan(backoffMs(2));
  });

  it("never waits more than the cap, and jitters between half and all of it", () => {
    for (const r of [0, 0.5, 0.999]) {
      vi.spyOn(Math, "random").mockReturnValue(r);
      for (let attempt = 0; attempt < 40; attempt++) {
        const wait = backoffMs(attempt);
        expect(wait).toBeLessThanOrEqual(MAX_BACKOFF_MS);
        expect(wait).toBeGreaterThanOrEqual(Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt) / 2);
      }
    }
  });

  it("reconnects within the cap of the server's return after outages of 1 to 120 s", () => {
    // Worst case: every wait at the top of its range; each failed attempt is instant.
    vi.spyOn(Math, "random").mockReturnValue(0.999999);
    for (let outageS = 1; outageS <= 120; outageS++) {
      let t = 0;
      let attempt = 0;
      while (t < outageS * 1000) t += backoffMs(++attempt);
      expect(t - outageS * 1000).toBeLessThanOrEqual(MAX_BACKOFF_MS);
    }
    expect(MAX_BACKOFF_MS).toBeLessThanOrEqual(5000);
  });
});
