/**
 * Syntax highlighting, loaded as its own chunk the first time a code block is drawn. Only the
 * common languages are bundled to keep that chunk small.
 */
import hljs from "highlight.js/lib/common";

export function highlightUnder(root: ParentNode): void {
  for (const code of root.querySelectorAll<HTMLElement>("pre code:not([data-highlighted])")) {
    const lang = /language-([\w+#-]+)/.exec(code.className)?.[1];
    if (!lang || !hljs.getLanguage(lang)) {
      // Mark it anyway so a later pass does not look at it again.
      code.dataset.highlighted = "no";
      continue;
    }
    hljs.highlightElement(code);
  }
}
