/**
 * Syntax highlighting, loaded as its own chunk the first time a code block is drawn. Only the
 * common languages are bundled to keep that chunk small. Work is cut into slices that yield to
 * the browser, so a long answer with many code blocks never blocks input.
 */
import hljs from "highlight.js/lib/common";

const SLICE_MS = 8;

export function highlightUnder(root: ParentNode): void {
  const blocks = [...root.querySelectorAll<HTMLElement>("pre code:not([data-highlighted])")];
  const run = (from: number) => {
    const start = performance.now();
    for (let i = from; i < blocks.length; i++) {
      if (performance.now() - start > SLICE_MS) {
        setTimeout(() => run(i), 0);
        return;
      }
      const code = blocks[i]!;
      if (code.dataset.highlighted || !code.isConnected) continue;
      const lang = /language-([\w+#-]+)/.exec(code.className)?.[1];
      if (!lang || !hljs.getLanguage(lang)) {
        // Mark it anyway so a later pass does not look at it again.
        code.dataset.highlighted = "no";
        continue;
      }
      hljs.highlightElement(code);
    }
  };
  run(0);
}
