import { describe, expect, it } from "vitest";
import { parseClientFrame } from "../../protocol/frames.js";

describe("parseClientFrame", () => {
  it("keeps the error short when a huge bad value is quoted in it", () => {
    const parsed = parseClientFrame(JSON.stringify({ type: "x".repeat(100_000) }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.length).toBeLessThanOrEqual(201);
      expect(parsed.error).toMatch(/^type: Invalid type/);
    }
  });
});
