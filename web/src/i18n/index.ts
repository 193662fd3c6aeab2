/**
 * The UI's translations: `t("New chat")` is the current language's text for that English
 * string. Only the user's language is fetched (each built-in dictionary is its own chunk, an
 * app's `translations/<lang>.json` a static file); until it arrives, and for any string a
 * dictionary lacks, the English text shows. `t` reads a signal, so text updates in place.
 */
import { createSignal } from "solid-js";
import type { UiString } from "../../../protocol/ui-strings";
import type { DateGroup } from "../state/history";
import {
  BUILTIN_LANGUAGES,
  type BuiltinLanguage,
  direction,
  format,
  matchTag,
  pickLanguage,
} from "./language";

/** A complete dictionary: every UI string (TypeScript refuses one that misses a key). */
export type Dictionary = Record<UiString, string>;
/** Some strings (an app's overrides). */
export type Overrides = Partial<Record<UiString, string>>;

const builtins: Record<Exclude<BuiltinLanguage, "en">, () => Promise<{ default: Dictionary }>> = {
  fr: () => import("./dictionaries/fr"),
  de: () => import("./dictionaries/de"),
  es: () => import("./dictionaries/es"),
  pt: () => import("./dictionaries/pt"),
  "zh-CN": () => import("./dictionaries/zh-CN"),
  ja: () => import("./dictionaries/ja"),
  ar: () => import("./dictionaries/ar"),
};

const loaders = new Map<string, () => Promise<{ default: Dictionary }>>(Object.entries(builtins));

/** Looked up in order; the first that has the string wins. */
const [layers, setLayers] = createSignal<Overrides[]>([]);
const [language, setLanguage] = createSignal("en");

/** The language the UI speaks now (a BCP 47 tag: "en", "fr", "zh-CN", an app's own…). */
export { language };

/**
 * The current language's text for an English UI string, with `{params}` filled in.
 * @example
 * t("Using {name}", { name: "search" }); // "Utilisation de search" in French
 */
export function t(key: UiString, params?: Record<string, string | number>): string {
  for (const layer of layers()) {
    const text = layer[key];
    if (text !== undefined) return format(text, params);
  }
  return format(key, params);
}

/** The browser's languages, most preferred first. */
export function browserLanguages(): string[] {
  const list = navigator.languages?.length ? navigator.languages : [navigator.language];
  return list.filter((tag): tag is string => typeof tag === "string" && tag.length > 0);
}

async function fetchJson(path: string): Promise<unknown> {
  try {
    const res = await fetch(path);
    // A missing file gets the page itself (single-page fallback): not JSON.
    if (!res.ok || !res.headers.get("content-type")?.includes("json")) return null;
    return await res.json();
  } catch {
    return null;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The string entries of an app file (the CLI validated it; the browser still trusts nothing). */
function overrides(data: unknown): Overrides {
  if (!isRecord(data)) return {};
  return Object.fromEntries(Object.entries(data).filter(([, v]) => typeof v === "string"));
}

/**
 * Chooses the language from the browser's and loads its dictionaries: the built-in one and
 * the app's `/translations/<lang>.json` (listed in `/translations/index.json`). Sets
 * `html[lang]` and `html[dir]`. Never throws: anything missing leaves English.
 */
export async function loadLanguage(preferred = browserLanguages()): Promise<string> {
  const index = await fetchJson("/translations/index.json");
  const appTags = Array.isArray(index)
    ? index.filter((x): x is string => typeof x === "string")
    : [];
  const chosen = pickLanguage(preferred, [...BUILTIN_LANGUAGES, ...appTags]);
  const builtinTag = matchTag(chosen, BUILTIN_LANGUAGES);
  const appTag = matchTag(chosen, appTags);
  const appEnTag = matchTag("en", appTags);
  const [builtin, app, appEn] = await Promise.all([
    (builtinTag
      ? loaders
          .get(builtinTag)?.()
          .then((m) => m.default)
          .catch(() => ({}))
      : undefined) ?? {},
    appTag ? fetchJson(`/translations/${encodeURIComponent(appTag)}.json`).then(overrides) : {},
    appEnTag && appEnTag !== appTag
      ? fetchJson(`/translations/${encodeURIComponent(appEnTag)}.json`).then(overrides)
      : {},
  ]);
  setLayers([app, builtin, appEn]);
  setLanguage(chosen);
  document.documentElement.lang = chosen;
  document.documentElement.dir = direction(chosen);
  return chosen;
}

/**
 * The language to tell the app (`cl.context.language`): the browser's first, even when the UI
 * has no dictionary for it, so the app may still answer in it.
 */
export function userLanguage(): string {
  return browserLanguages()[0] ?? language();
}

/** "Today" / "Yesterday" in the UI's language (`Intl.RelativeTimeFormat`), capitalised. */
export function relativeDay(daysAgo: 0 | 1): string {
  const lang = language();
  const text = new Intl.RelativeTimeFormat(lang, { numeric: "auto" }).format(-daysAgo, "day");
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}

/** A time of day in the UI's language. */
export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(language(), { hour: "numeric", minute: "2-digit" }).format(ms);
}

/** A history date group's heading: "Today" and "Yesterday" from `Intl`, the others translated. */
export function dateGroupLabel(group: DateGroup): string {
  switch (group) {
    case "Today":
      return relativeDay(0);
    case "Yesterday":
      return relativeDay(1);
    default:
      return t(group);
  }
}
