/**
 * Markdown to safe HTML: GitHub-flavoured markdown by `marked`, then DOMPurify. Model output is
 * untrusted, so sanitising always runs, even when raw HTML is allowed.
 */
import DOMPurify from "dompurify";
import { Marked, type Tokens } from "marked";
import { mathExtension } from "./math";

export interface MarkdownOptions {
  /** `features.unsafe_allow_html`: raw HTML in the source is kept (still sanitised). */
  allowHtml: boolean;
  /** `features.latex`: `$…$` and `$$…$$` become math placeholders rendered by KaTeX later. */
  latex: boolean;
}

export type RenderMarkdown = (source: string) => string;

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

let hooked = false;

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  // Links from model output open elsewhere and cannot reach back into the app window.
  DOMPurify.addHook("afterSanitizeAttributes", (node) => {
    if (node.tagName === "A" && node.hasAttribute("href")) {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer nofollow");
    }
  });
}

function codeBlock(token: Tokens.Code): string {
  const lang = (token.lang ?? "").trim().split(/\s+/)[0] ?? "";
  const safeLang = escapeHtml(lang);
  const cls = lang ? ` class="language-${safeLang}"` : "";
  return (
    `<div class="code-block"><div class="code-head"><span>${safeLang || "text"}</span>` +
    `<button type="button" class="copy-code" aria-label="Copy code">Copy</button></div>` +
    `<pre><code${cls}>${escapeHtml(token.text)}</code></pre></div>`
  );
}

/**
 * @example
 * const render = makeMarkdown({ allowHtml: false, latex: false });
 * render("**hi** <script>x()</script>"); // "<p><strong>hi</strong> &lt;script&gt;…</p>"
 */
export function makeMarkdown(options: MarkdownOptions): RenderMarkdown {
  installHooks();
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    renderer: {
      code: codeBlock,
      html: (token) => (options.allowHtml ? token.text : escapeHtml(token.text)),
    },
  });
  if (options.latex) marked.use({ extensions: mathExtension });
  const purifyConfig = {
    FORBID_TAGS: ["style", "form", "iframe", "object", "embed", "base", "meta", "link"],
    FORBID_ATTR: options.allowHtml ? [] : ["style"],
  };
  return (source) => DOMPurify.sanitize(marked.parse(source) as string, purifyConfig);
}
