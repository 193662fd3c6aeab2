/**
 * Which files an upload policy accepts. `accept` is Chainlit's: a list of mime globs and
 * extensions (`["image/*", "text/plain", ".pdf"]`) or a map of mime types to extensions
 * (`{ "text/plain": [".txt", ".py"] }`, either the type or an extension matches). The server
 * and the web client use the same rule.
 */

export type Accept = string[] | Record<string, string[]>;

/** The patterns of an accept list or map, lower-cased. */
export function acceptPatterns(accept: Accept | undefined): string[] {
  if (!accept) return [];
  const list = Array.isArray(accept)
    ? accept
    : Object.entries(accept).flatMap(([mime, exts]) => [mime, ...exts]);
  return list.map((p) => p.trim().toLowerCase()).filter(Boolean);
}

/**
 * True when a file of this name and mime type is accepted.
 * @example
 * accepts("notes.txt", "text/plain", ["text/*"]); // true
 * accepts("x.exe", "application/x-msdownload", { "image/png": [".png"] }); // false
 */
export function accepts(name: string, mime: string, accept: Accept | undefined): boolean {
  const patterns = acceptPatterns(accept);
  if (patterns.length === 0) return true;
  const file = name.toLowerCase();
  const type = mime.toLowerCase();
  return patterns.some((p) => {
    if (p === "*/*" || p === "*") return true;
    if (p.startsWith(".")) return file.endsWith(p);
    if (p.endsWith("/*")) return type.startsWith(p.slice(0, -1));
    return type === p;
  });
}

/** A mime type as stored: lower-case, parameters dropped, a default for none. */
export function normaliseMime(mime: string | null | undefined): string {
  const base = (mime ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return /^[\w.+-]+\/[\w.+-]+$/.test(base) ? base : "application/octet-stream";
}

/** Bidi embeddings, overrides and isolates: they make `evil\u202egnp.exe` read as `evilexe.png`. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** A file name without bidi control characters, so what a user reads is what the file is called. */
export function withoutBidi(name: string): string {
  return name.replace(BIDI_CONTROLS, "");
}
