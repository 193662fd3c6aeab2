/**
 * Light/dark theme: the user's choice (localStorage) wins, then `UI.default_theme`, then the
 * system. Colours from config.toml `[theme]` become CSS variables on :root.
 */
import { createEffect, createSignal } from "solid-js";
import type { ClientConfig } from "../../../protocol/api";
import { readStored, writeStored } from "./storage";

export type Theme = "light" | "dark";
const KEY = "edgelit.theme";
const isTheme = (v: unknown): v is Theme => v === "light" || v === "dark";

function systemTheme(): Theme {
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** CSS text for `[theme]`: top-level colours for both modes, `light`/`dark` tables per mode. */
export function themeCss(theme: ClientConfig["theme"]): string {
  const decl = (vars: Record<string, string | undefined>) =>
    Object.entries(vars)
      .filter(([k, v]) => v && /^[\w-]+$/.test(k) && !/[;{}<]/.test(v))
      .map(([k, v]) => `--${k.replace(/_/g, "-")}:${v};`)
      .join("");
  const base = decl({
    primary: theme.primary_color,
    bg: theme.background_color,
    paper: theme.paper_color,
    font: theme.font_family,
  });
  let css = base ? `:root{${base}}` : "";
  if (theme.light) css += `:root[data-theme="light"]{${decl(theme.light)}}`;
  if (theme.dark) css += `:root[data-theme="dark"]{${decl(theme.dark)}}`;
  return css;
}

export function createTheme(config: ClientConfig) {
  const fallback = config.ui.default_theme === "system" ? systemTheme() : config.ui.default_theme;
  const [theme, setTheme] = createSignal<Theme>(readStored(KEY, fallback, isTheme));
  createEffect(() => {
    document.documentElement.dataset.theme = theme();
  });
  const css = themeCss(config.theme);
  if (css) {
    const style = document.createElement("style");
    style.textContent = css;
    document.head.append(style);
  }
  return {
    theme,
    toggle: () => {
      const next: Theme = theme() === "dark" ? "light" : "dark";
      writeStored(KEY, next);
      setTheme(next);
    },
  };
}
