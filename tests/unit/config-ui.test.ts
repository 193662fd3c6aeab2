/**
 * The `[UI]` keys that load or link something (`custom_css`, `custom_js`, `github`,
 * `[[UI.header_links]]`) accept only http(s) URLs and the app's `/public/...` files: a config
 * can never put `javascript:` in the page or point outside `/public/` on the app's origin.
 */
import { describe, expect, it } from "vitest";
import { isSafeAssetUrl, parseConfig } from "../../protocol/config.js";
import { configProblems as problems } from "../helpers/config-problems.js";

describe("[UI] URLs", () => {
  it("accepts http(s) URLs and /public/ paths", () => {
    const config = parseConfig(
      [
        "[UI]",
        'custom_css = "/public/style.css"',
        'custom_js = "https://cdn.example.com/x.js"',
        'github = "https://github.com/a/b"',
        "[[UI.header_links]]",
        'name = "Docs"',
        'url = "http://docs.example.com"',
        'icon_url = "/public/i.svg"',
      ].join("\n"),
    );
    expect(config.UI.custom_css).toBe("/public/style.css");
    expect(config.UI.custom_js).toBe("https://cdn.example.com/x.js");
    expect(config.UI.header_links).toEqual([
      { name: "Docs", url: "http://docs.example.com", icon_url: "/public/i.svg" },
    ]);
    expect(parseConfig("").UI.header_links).toEqual([]);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/css,body{}",
    "//evil.example.com/x.css",
    "/api/config",
    "/public/../api/config",
    "/public/%2e%2e/api/config",
    "/public\\..\\x",
    "style.css",
    "ftp://example.com/x.css",
  ])("refuses %j for every URL key, naming the key", (url) => {
    const text = (key: string) => `[UI]\n${key} = ${JSON.stringify(url)}\n`;
    for (const key of ["custom_css", "custom_js", "github"]) {
      expect(problems(text(key))).toEqual([
        expect.stringMatching(new RegExp(`key "UI\\.${key}": must be an http\\(s\\) URL`)),
      ]);
    }
    const link = `[[UI.header_links]]\nname = "x"\nurl = ${JSON.stringify(url)}\n`;
    expect(problems(link)).toEqual([expect.stringMatching(/key "UI\.header_links\.0\.url"/)]);
    expect(isSafeAssetUrl(url)).toBe(false);
  });

  it("refuses a header link without a name or with an unknown key", () => {
    expect(problems('[[UI.header_links]]\nurl = "https://a.example"\n')).toEqual([
      expect.stringMatching(/UI\.header_links\.0\.name/),
    ]);
    expect(
      problems('[[UI.header_links]]\nname = "a"\nurl = "https://a.example"\ntarget = "x"\n'),
    ).toEqual([expect.stringMatching(/unknown key "UI\.header_links\.0\.target"/)]);
  });
});
