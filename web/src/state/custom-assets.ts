/**
 * `UI.custom_css` and `UI.custom_js`: a `<link rel="stylesheet">` and a `<script src>` added to
 * the page once, after the config is loaded. The Worker's config parser only accepts http(s)
 * URLs and the app's `/public/...` files for these keys, so nothing here builds a URL itself.
 */
import type { ClientConfig } from "../../../protocol/api";

/** Adds the app's custom stylesheet and script (each at most once, even if called again). */
export function applyCustomAssets(ui: ClientConfig["ui"]): void {
  if (ui.custom_css && !document.getElementById("custom-css")) {
    const link = document.createElement("link");
    link.id = "custom-css";
    link.rel = "stylesheet";
    link.href = ui.custom_css;
    document.head.append(link);
  }
  if (ui.custom_js && !document.getElementById("custom-js")) {
    const script = document.createElement("script");
    script.id = "custom-js";
    script.src = ui.custom_js;
    script.defer = true;
    document.head.append(script);
  }
}
