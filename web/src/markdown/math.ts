/**
 * Math in markdown: a `marked` extension that turns `$…$`, `$$…$$`, `\(…\)` and `\[…\]` into
 * placeholders, and a lazy KaTeX pass that renders them. KaTeX (and its CSS) load only when a
 * placeholder first appears.
 */
import type { TokenizerAndRendererExtension } from "marked";

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const escapeTex = (s: string) => s.replace(/[&<>]/g, (c) => ESC[c] ?? c);

function placeholder(tex: string, display: boolean): string {
  const tag = display ? "div" : "span";
  return `<${tag} class="math" data-display="${display ? 1 : 0}">${escapeTex(tex)}</${tag}>`;
}

const blockMath: TokenizerAndRendererExtension = {
  name: "blockMath",
  level: "block",
  start: (src) => src.match(/\$\$|\\\[/)?.index,
  tokenizer(src) {
    const m = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\])[ \t]*(?:\n|$)/.exec(src);
    if (m) return { type: "blockMath", raw: m[0], text: (m[1] ?? m[2] ?? "").trim() };
    return undefined;
  },
  renderer: (token) => placeholder(String(token.text), true),
};

const inlineMath: TokenizerAndRendererExtension = {
  name: "inlineMath",
  level: "inline",
  start: (src) => src.match(/\$|\\\(/)?.index,
  tokenizer(src) {
    // `$5 and $10` is money, not math: no space inside the delimiters, no digit after the close.
    const m = /^(?:\$\$([^$]+?)\$\$|\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\d)|\\\(([\s\S]+?)\\\))/.exec(
      src,
    );
    if (!m) return undefined;
    const display = m[1] !== undefined;
    return { type: "inlineMath", raw: m[0], text: (m[1] ?? m[2] ?? m[3] ?? "").trim(), display };
  },
  renderer: (token) => placeholder(String(token.text), Boolean(token.display)),
};

export const mathExtension = [blockMath, inlineMath];

/** Renders every math placeholder under `root`, loading KaTeX on first use. */
export async function renderMath(root: ParentNode): Promise<void> {
  const nodes = root.querySelectorAll<HTMLElement>(".math:not([data-done])");
  if (nodes.length === 0) return;
  const [{ default: katex }] = await Promise.all([
    import("katex"),
    import("katex/dist/katex.min.css"),
  ]);
  for (const node of nodes) {
    node.dataset.done = "1";
    katex.render(node.textContent ?? "", node, {
      displayMode: node.dataset.display === "1",
      throwOnError: false,
    });
  }
}
