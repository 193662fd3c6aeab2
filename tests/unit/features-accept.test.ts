import { describe, expect, it } from "vitest";
import { accepts, normaliseMime } from "../../protocol/accept.js";

describe("upload accept rules", () => {
  it("matches mime globs, exact types and extensions of a list", () => {
    const accept = ["image/*", "text/plain", ".pdf"];
    expect(accepts("a.png", "image/png", accept)).toBe(true);
    expect(accepts("a.txt", "text/plain", accept)).toBe(true);
    expect(accepts("A.PDF", "application/octet-stream", accept)).toBe(true);
    expect(accepts("a.csv", "text/csv", accept)).toBe(false);
  });

  it("matches the type or one of its extensions in the {mime: [exts]} form", () => {
    const accept = { "text/csv": [".csv", ".tsv"] };
    expect(accepts("x.bin", "text/csv", accept)).toBe(true);
    expect(accepts("x.tsv", "application/octet-stream", accept)).toBe(true);
    expect(accepts("x.json", "application/json", accept)).toBe(false);
  });

  it("accepts anything for */*, an empty list or none", () => {
    expect(accepts("x", "application/x-anything", ["*/*"])).toBe(true);
    expect(accepts("x", "application/x-anything", [])).toBe(true);
    expect(accepts("x", "application/x-anything", undefined)).toBe(true);
  });

  it("normalises mime types and falls back for junk", () => {
    expect(normaliseMime("Text/Plain; charset=utf-8")).toBe("text/plain");
    expect(normaliseMime("")).toBe("application/octet-stream");
    expect(normaliseMime("<script>")).toBe("application/octet-stream");
  });
});
