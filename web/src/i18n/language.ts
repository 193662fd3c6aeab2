/**
 * Which language the UI speaks: the first of the browser's languages that a dictionary (built
 * in, or an app's `translations/<lang>.json`) matches, else English. Pure, so it is unit-tested
 * without a browser. Tags compare case-insensitively; `fr-CA` falls back to `fr`, and `zh-TW`
 * to the Chinese there is (`zh-CN`).
 */

/** The dictionaries shipped with the kit; English is the strings themselves. */
export const BUILTIN_LANGUAGES = ["en", "fr", "de", "es", "pt", "zh-CN", "ja", "ar"] as const;
export type BuiltinLanguage = (typeof BUILTIN_LANGUAGES)[number];

/** Primary subtags of scripts written right to left. */
const RTL = new Set(["ar", "he", "fa", "ur", "ps", "yi", "dv", "ug", "ckb", "sd"]);

const primary = (tag: string) => (tag.split("-")[0] ?? tag).toLowerCase();

/**
 * The candidate that serves `tag`: the same tag, else its primary language, else another
 * region or script of that language. Undefined when none does.
 * @example
 * matchTag("fr-CA", ["en", "fr"]); // "fr"
 */
export function matchTag(tag: string, candidates: readonly string[]): string | undefined {
  const lower = tag.toLowerCase();
  return (
    candidates.find((c) => c.toLowerCase() === lower) ??
    candidates.find((c) => c.toLowerCase() === primary(tag)) ??
    candidates.find((c) => primary(c) === primary(tag))
  );
}

/**
 * The first preferred language something can serve, or "en".
 * @example
 * pickLanguage(["it-IT", "de"], ["en", "de"]); // "de"
 */
export function pickLanguage(preferred: readonly string[], available: readonly string[]): string {
  for (const tag of preferred) {
    const found = matchTag(tag, available);
    if (found) return found;
  }
  return "en";
}

/** "rtl" for a language written right to left. */
export function direction(tag: string): "rtl" | "ltr" {
  return RTL.has(primary(tag)) ? "rtl" : "ltr";
}

/** Replaces `{name}` by `params.name`; an unknown parameter stays as written. */
export function format(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
