/**
 * The app's own favicon and logos, from its `public/` folder, named as in Chainlit:
 * `favicon.svg|png|ico`, `logo_light.svg|png` and `logo_dark.svg|png` (either logo serves both
 * themes when only one exists). The built page's `<link rel="icon">` and logo `<meta>` tags are
 * pointed at them; without them the kit's own stay. `/favicon.ico` is the app's when it has one.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const FAVICONS = ["favicon.svg", "favicon.png", "favicon.ico"];
const IMAGE_EXTS = ["svg", "png", "jpg", "webp"];

const TYPES: Record<string, string> = {
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
};

/** The first of `names` present in `dir`. */
function first(dir: string | undefined, names: string[]): string | undefined {
  return dir ? names.find((name) => existsSync(join(dir, name))) : undefined;
}

/** Points `<assets>/index.html` at the app's favicon and logos, when it has them. */
export function brandAssets(assetsDir: string, publicDir: string | undefined): void {
  const page = join(assetsDir, "index.html");
  if (!existsSync(page)) return;
  let html = readFileSync(page, "utf8");
  const favicon = first(publicDir, FAVICONS);
  if (favicon && publicDir) {
    const ext = favicon.split(".").pop() ?? "";
    html = html.replace(
      /<link rel="icon" [^>]*>/,
      `<link rel="icon" href="/public/${favicon}" type="${TYPES[ext] ?? "image/png"}" />`,
    );
    if (ext === "ico") copyFileSync(join(publicDir, favicon), join(assetsDir, "favicon.ico"));
  }
  const light = first(
    publicDir,
    IMAGE_EXTS.map((e) => `logo_light.${e}`),
  );
  const dark = first(
    publicDir,
    IMAGE_EXTS.map((e) => `logo_dark.${e}`),
  );
  const logo = (theme: "light" | "dark", file: string | undefined) => {
    if (!file) return;
    html = html.replace(
      new RegExp(`<meta name="edgelit-logo-${theme}" [^>]*>`),
      `<meta name="edgelit-logo-${theme}" content="/public/${file}" />`,
    );
  };
  logo("light", light ?? dark);
  logo("dark", dark ?? light);
  writeFileSync(page, html);
}
