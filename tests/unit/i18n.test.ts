/**
 * The UI's dictionaries and language choice: every shipped language has every UI string with
 * the same {params}; the browser's languages pick the right one; app translation files are
 * checked key by key.
 */
import { describe, expect, it } from "vitest";
import { isLanguageTag, paramsOf, parseTranslation, UI_STRINGS } from "../../protocol/ui-strings";
import ar from "../../web/src/i18n/dictionaries/ar";
import de from "../../web/src/i18n/dictionaries/de";
import es from "../../web/src/i18n/dictionaries/es";
import fr from "../../web/src/i18n/dictionaries/fr";
import ja from "../../web/src/i18n/dictionaries/ja";
import pt from "../../web/src/i18n/dictionaries/pt";
import zhCN from "../../web/src/i18n/dictionaries/zh-CN";
import {
  BUILTIN_LANGUAGES,
  direction,
  format,
  matchTag,
  pickLanguage,
} from "../../web/src/i18n/language";

const dictionaries: Record<string, Record<string, string>> = {
  fr,
  de,
  es,
  pt,
  "zh-CN": zhCN,
  ja,
  ar,
};

describe("dictionaries", () => {
  it("ship a dictionary for every built-in language but English (the strings themselves)", () => {
    expect(Object.keys(dictionaries).sort()).toEqual(
      BUILTIN_LANGUAGES.filter((l) => l !== "en").sort(),
    );
  });

  for (const [lang, dict] of Object.entries(dictionaries)) {
    it(`${lang} has every UI string, nothing else, none empty`, () => {
      const missing = UI_STRINGS.filter((key) => !Object.hasOwn(dict, key));
      const extra = Object.keys(dict).filter(
        (key) => !(UI_STRINGS as readonly string[]).includes(key),
      );
      expect(missing).toEqual([]);
      expect(extra).toEqual([]);
      expect(Object.entries(dict).filter(([, v]) => v.trim() === "")).toEqual([]);
    });

    it(`${lang} keeps the {params} of each string`, () => {
      const wrong = UI_STRINGS.filter(
        (key) => paramsOf(dict[key] ?? "").join() !== paramsOf(key).join(),
      );
      expect(wrong).toEqual([]);
    });
  }

  it("has no duplicate English strings", () => {
    expect(new Set(UI_STRINGS).size).toBe(UI_STRINGS.length);
  });
});

describe("language choice", () => {
  const all = [...BUILTIN_LANGUAGES];
  it("takes the first browser language it has, by exact tag, then primary language", () => {
    expect(pickLanguage(["fr-FR", "en"], all)).toBe("fr");
    expect(pickLanguage(["it", "de-AT"], all)).toBe("de");
    expect(pickLanguage(["zh-TW"], all)).toBe("zh-CN");
    expect(pickLanguage(["ZH-cn"], all)).toBe("zh-CN");
    expect(pickLanguage(["ar-EG"], all)).toBe("ar");
  });

  it("falls back to English", () => {
    expect(pickLanguage(["it", "ko"], all)).toBe("en");
    expect(pickLanguage([], all)).toBe("en");
  });

  it("prefers an app's own regional file to the built-in language", () => {
    expect(pickLanguage(["pt-BR"], [...all, "pt-BR"])).toBe("pt-BR");
    expect(matchTag("pt-BR", all)).toBe("pt");
    expect(pickLanguage(["it-IT"], [...all, "it"])).toBe("it");
  });

  it("writes Arabic (and Hebrew, Persian) right to left", () => {
    expect(direction("ar")).toBe("rtl");
    expect(direction("he-IL")).toBe("rtl");
    expect(direction("fa")).toBe("rtl");
    expect(direction("fr")).toBe("ltr");
    expect(direction("zh-CN")).toBe("ltr");
  });

  it("fills {params} and leaves unknown ones as written", () => {
    expect(format("Using {name}", { name: "search" })).toBe("Using search");
    expect(format("Using {name}", {})).toBe("Using {name}");
    expect(format("{a}{a}", { a: 1 })).toBe("11");
  });
});

describe("language tags", () => {
  it("accepts BCP 47 tags and refuses anything else", () => {
    for (const ok of ["en", "fr-FR", "zh-Hans-CN", "pt-BR", "ast"])
      expect(isLanguageTag(ok)).toBe(true);
    for (const bad of [
      "",
      "e",
      "english!",
      "fr_FR",
      "../x",
      "a".repeat(40),
      `fr-FR-${"x".repeat(30)}`,
    ])
      expect(isLanguageTag(bad)).toBe(false);
  });
});

describe("app translation files", () => {
  it("keeps known strings", () => {
    const parsed = parseTranslation(
      { "New chat": "Nouvelle conversation" },
      "translations/fr.json",
    );
    expect(parsed).toEqual({ strings: { "New chat": "Nouvelle conversation" }, problems: [] });
  });

  it("names the file and key of an unknown key, a non-string and a lost parameter", () => {
    const parsed = parseTranslation(
      { "New chatt": "x", Stop: 3, "Using {name}": "Utilise", Send: "Envoyer {x}" },
      "translations/fr.json",
    );
    expect(parsed.problems).toEqual([
      'translations/fr.json: unknown key "New chatt"',
      'translations/fr.json: key "Stop": must be a string',
      'translations/fr.json: key "Using {name}": must use the parameters {name}',
      'translations/fr.json: key "Send": must use no parameters',
    ]);
    expect(parsed.strings).toEqual({});
  });

  it("refuses a file that is not an object", () => {
    expect(parseTranslation(["New chat"], "t/fr.json").problems).toEqual([
      't/fr.json: must be a JSON object of "English text": "translation"',
    ]);
  });
});
