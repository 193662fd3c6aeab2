/**
 * `[project] stream_interval_ms`: 0 by default (a lone token leaves at once), a whole number of
 * milliseconds up to 1,000 when set; anything else stops the app at startup naming the key.
 * What it does to a stream is tested in tests/workers/meter.test.ts.
 */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../protocol/config.js";
import { configProblems as problems } from "../helpers/config-problems.js";

describe("[project] stream_interval_ms", () => {
  it("defaults to 0 and takes 0 to 1000 ms", () => {
    expect(parseConfig("").project.stream_interval_ms).toBe(0);
    expect(parseConfig("[project]\nstream_interval_ms = 100").project.stream_interval_ms).toBe(100);
    expect(parseConfig("[project]\nstream_interval_ms = 1000").project.stream_interval_ms).toBe(
      1000,
    );
  });

  it("refuses negative, fractional, too large and non-numeric values, naming the key", () => {
    for (const bad of ["-1", "2.5", "5000", '"100"']) {
      const found = problems(`[project]\nstream_interval_ms = ${bad}`);
      expect(found.length).toBe(1);
      expect(found[0]).toContain("stream_interval_ms");
    }
  });
});
