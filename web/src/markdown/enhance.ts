/**
 * Work done on rendered markdown after it is in the DOM: element-name links, lazy syntax
 * highlighting and lazy math. Kept apart from rendering so the streaming path can skip the
 * costly parts for the still-changing tail.
 */

import { t } from "../i18n";
import { renderMath } from "./math";

export interface ElementRef {
  id: string;
  name: string;
}

/** Wraps each occurrence of a side/page element's name in a `.element-link`. */
export function linkElements(root: HTMLElement, elements: ElementRef[]): void {
  if (elements.length === 0) return;
  const byName = new Map(elements.filter((e) => e.name).map((e) => [e.name, e.id]));
  if (byName.size === 0) return;
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(
    names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
    "g",
  );
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest("a, code, pre, .element-link")
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const text of texts) {
    const value = text.data;
    pattern.lastIndex = 0;
    if (!pattern.test(value)) continue;
    pattern.lastIndex = 0;
    const frag = document.createDocumentFragment();
    let last = 0;
    for (const m of value.matchAll(pattern)) {
      const at = m.index ?? 0;
      frag.append(value.slice(last, at));
      const link = document.createElement("a");
      link.className = "element-link";
      link.href = "#";
      link.dataset.elementId = byName.get(m[0]) ?? "";
      link.textContent = m[0];
      frag.append(link);
      last = at + m[0].length;
    }
    frag.append(value.slice(last));
    text.replaceWith(frag);
  }
}

let highlighter: Promise<typeof import("./highlight")> | undefined;

/** Highlights code blocks and renders math under `root`, loading each library on first need. */
export function decorate(root: HTMLElement, latex: boolean): void {
  if (root.querySelector("pre code:not([data-highlighted])")) {
    highlighter ??= import("./highlight");
    void highlighter.then((m) => m.highlightUnder(root));
  }
  if (latex) void renderMath(root);
}

/** Handles clicks on copy buttons inside rendered markdown (one listener per message). */
export function onCodeCopyClick(event: MouseEvent): void {
  const button = (event.target as Element | null)?.closest?.(".copy-code");
  if (!button) return;
  const code = button.closest(".code-block")?.querySelector("code");
  if (!code) return;
  void navigator.clipboard?.writeText(code.textContent ?? "").then(() => {
    button.textContent = t("Copied");
    setTimeout(() => {
      button.textContent = t("Copy");
    }, 1500);
  });
}
