/**
 * Every name the author API exports has a doc, and docs/api.md (the generated reference) is the
 * one those docs make today: a new export without JSDoc or an example, a group comment of
 * durable-objects/sdk/index.ts left above another file's exports, or a changed doc without
 * `npm run docs:api`, fails here.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { apiReference } from "../../scripts/api-docs.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

describe("author API reference", () => {
  const { markdown, undocumented, withoutExample, misplacedComments } = apiReference();

  it("documents every exported name", () => {
    expect(undocumented).toEqual([]);
  });

  it("gives every exported name an example", () => {
    expect(withoutExample).toEqual([]);
  });

  it("introduces each file's exports in index.ts with one comment, above its first export", () => {
    expect(misplacedComments).toEqual([]);
  });

  it("is up to date in docs/api.md (npm run docs:api)", () => {
    expect(readFileSync(join(root, "docs/api.md"), "utf8")).toBe(markdown);
  });

  it("gives every class of the reference its documented methods", () => {
    expect(markdown).toContain("### `Message` (class)");
    expect(markdown).toMatch(/- `streamToken`: Appends a token/);
  });
});
