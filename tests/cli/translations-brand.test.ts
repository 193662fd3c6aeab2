/**
 * What `edgelit run` and `edgelit build` do with an app's `translations/` and `public/` brand
 * files: bad translations stop them naming file and key; good ones become
 * `/translations/<lang>.json` plus an index; favicon and logos are pointed at in the page.
 * And the config: `features.speech_to_text` is refused, pointing to `[features.audio]`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { brandAssets } from "../../cli/brand.js";
import { CliError } from "../../cli/errors.js";
import { readTranslations, writeTranslations } from "../../cli/translations.js";
import { ConfigError, parseConfig } from "../../protocol/config.js";

const dirs: string[] = [];
function temp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "edgelit-tr-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("translations/<lang>.json", () => {
  it("refuses unknown keys, non-strings, bad JSON and bad names, naming file and key", () => {
    const dir = temp({
      "translations/fr.json": JSON.stringify({ "New chat": "Nouvelle", "Nw chat": "x" }),
      "translations/de.json": JSON.stringify({ Stop: 1 }),
      "translations/es.json": "{ not json",
      "translations/english!.json": "{}",
    });
    let error: unknown;
    try {
      readTranslations(join(dir, "translations"));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CliError);
    const lines = (error as Error).message.split("\n");
    expect(
      lines.some((l) => l.endsWith('translations/de.json: key "Stop": must be a string')),
    ).toBe(true);
    expect(
      lines.some((l) => /translations\/english!\.json: "english!" is not a language tag/.test(l)),
    ).toBe(true);
    expect(lines.some((l) => /translations\/es\.json: invalid JSON/.test(l))).toBe(true);
    expect(lines.some((l) => l.endsWith('translations/fr.json: unknown key "Nw chat"'))).toBe(true);
  });

  it("writes one file per language and an index; a removed language goes", () => {
    const dir = temp({
      "translations/fr.json": JSON.stringify({ "New chat": "Nouvelle conversation" }),
      "translations/it.json": JSON.stringify({ Send: "Invia" }),
    });
    const assets = join(dir, "assets");
    writeTranslations(assets, readTranslations(join(dir, "translations")));
    expect(JSON.parse(readFileSync(join(assets, "translations/index.json"), "utf8"))).toEqual([
      "fr",
      "it",
    ]);
    expect(JSON.parse(readFileSync(join(assets, "translations/it.json"), "utf8"))).toEqual({
      Send: "Invia",
    });
    writeTranslations(assets, { fr: { "New chat": "Nouvelle conversation" } });
    expect(existsSync(join(assets, "translations/it.json"))).toBe(false);
    writeTranslations(assets, {});
    expect(existsSync(join(assets, "translations"))).toBe(false);
  });
});

describe("favicon and logos from public/", () => {
  const page = [
    "<title>Edgelit</title>",
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml" />',
    '<meta name="edgelit-logo-light" content="/favicon.svg" />',
    '<meta name="edgelit-logo-dark" content="/favicon.svg" />',
  ].join("\n");

  it("points the page at the app's files; one logo serves both themes", () => {
    const dir = temp({
      "assets/index.html": page,
      "public/favicon.ico": "ico",
      "public/logo_dark.png": "png",
    });
    brandAssets(join(dir, "assets"), join(dir, "public"));
    const html = readFileSync(join(dir, "assets/index.html"), "utf8");
    expect(html).toContain('<link rel="icon" href="/public/favicon.ico" type="image/x-icon" />');
    expect(html).toContain('<meta name="edgelit-logo-light" content="/public/logo_dark.png" />');
    expect(html).toContain('<meta name="edgelit-logo-dark" content="/public/logo_dark.png" />');
    expect(readFileSync(join(dir, "assets/favicon.ico"), "utf8")).toBe("ico");
  });

  it("keeps the kit's when the app has none", () => {
    const dir = temp({ "assets/index.html": page });
    brandAssets(join(dir, "assets"), undefined);
    expect(readFileSync(join(dir, "assets/index.html"), "utf8")).toBe(page);
  });
});

describe("config", () => {
  it("refuses features.speech_to_text, pointing to [features.audio]", () => {
    expect(() => parseConfig("[features.speech_to_text]\nenabled = true\n")).toThrow(ConfigError);
    expect(() => parseConfig("[features.speech_to_text]\nenabled = true\n")).toThrow(
      /features\.audio/,
    );
    expect(parseConfig("[features.audio]\nenabled = true\n").features.audio).toEqual({
      enabled: true,
      max_seconds: 300,
    });
    expect(parseConfig("").features.audio.enabled).toBe(false);
  });
});
