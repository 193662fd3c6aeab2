/**
 * No web UI component shows English that bypasses `t()`: literal aria-labels, titles,
 * placeholders and alt texts, JSX text of words, and `"…" : "…"` text choices are refused, so a
 * component merged later cannot stay English in every language. Names that read the same in
 * every language (GitHub, URL, SSE, example values) are listed as allowed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../../web/src");

/** Text that is the same in every language: product names, protocol names, example values. */
const ALLOWED = new Set([
  "GitHub",
  "URL",
  "SSE",
  "HTTP",
  "Streamable HTTP",
  "https://example.com/mcp",
  "Authorization: Bearer …",
]);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsxFiles(join(dir, e.name))
      : e.name.endsWith(".tsx")
        ? [join(dir, e.name)]
        : [],
  );
}

/** The English a component shows without `t()`, one `file:line: text` per finding. */
function untranslated(file: string, source: string): string[] {
  const found: string[] = [];
  const lines = source.split("\n");
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed.startsWith("*") || trimmed.startsWith("//") || trimmed.startsWith("/*")) return;
    const hits: string[] = [];
    for (const m of line.matchAll(
      /\b(?:aria-label|title|placeholder|alt)="([^"]*[A-Za-z][^"]*)"/g,
    )) {
      hits.push(m[1] ?? "");
    }
    // A JSX text line of words (a button's or paragraph's text).
    if (/^[A-Z][A-Za-z0-9,.;:!?'’…()" -]*$/.test(trimmed) && /[a-z]/.test(trimmed)) {
      const prev = lines[i - 1]?.trim() ?? "";
      if (prev.endsWith(">") || prev.endsWith("}")) hits.push(trimmed);
    }
    for (const m of line.matchAll(/(?<!=)>([^<>{}=]*[A-Za-z]{2,}[^<>{}=]*)</g))
      hits.push(m[1]?.trim() ?? "");
    // A choice between two texts, unless it chooses which key to give t().
    const inT = /\bt\($/.test(lines[i - 1]?.trim() ?? "") || /\bt\(/.test(line);
    for (const m of line.matchAll(/\?\s*"([A-Z][^"]*)"\s*:\s*"([^"]*)"/g)) {
      if (!inT) hits.push(m[1] ?? "", m[2] ?? "");
    }
    for (const m of line.matchAll(
      /(?:aria-label|title|placeholder)=\{`([^`]*[A-Za-z]{3,}[^`]*)`\}/g,
    )) {
      hits.push(m[1] ?? "");
    }
    for (const hit of hits) {
      if (hit !== "" && !ALLOWED.has(hit)) found.push(`${file}:${i + 1}: ${hit}`);
    }
  });
  return found;
}

describe("web UI text goes through t()", () => {
  it("finds English shown outside t() (the check itself)", () => {
    const old = [
      '      <div id="commands" role="listbox" aria-label="Commands">',
      "        <button>",
      "          Create link",
      "        </button>",
      '        {copied() ? "Copied" : "Copy link"}',
      "        title={`MCP servers (" + "$" + "{count()} connected)`}",
      '        <span class="shared-badge">Shared chat</span>',
    ].join("\n");
    expect(untranslated("x.tsx", old)).toEqual([
      "x.tsx:1: Commands",
      "x.tsx:3: Create link",
      "x.tsx:5: Copied",
      "x.tsx:5: Copy link",
      "x.tsx:6: MCP servers (" + "$" + "{count()} connected)",
      "x.tsx:7: Shared chat",
    ]);
    expect(
      untranslated("x.tsx", '<button aria-label={t("Commands")}>{t("Create link")}</button>'),
    ).toEqual([]);
  });

  it("no component has untranslated literal text", () => {
    const found = tsxFiles(ROOT).flatMap((file) =>
      untranslated(file.slice(ROOT.length + 1), readFileSync(file, "utf8")),
    );
    expect(found).toEqual([]);
  });
});
