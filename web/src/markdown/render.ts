/**
 * Markdown to safe HTML: GitHub-flavoured markdown by `marked`, then DOMPurify. Model output is
 * untrusted, so sanitising always runs, even when raw HTML is allowed.
 */
import DOMPurify from "dompurify";
import { Marked, type Tokens } from "marked";
import { t } from "../i18n";
import { mathExtension } from "./math";

export interface MarkdownOptions {
  /** `features.unsafe_allow_html`: raw HTML in the source is kept (still sanitised). */
  allowHtml: boolean;
  /** `features.latex`: `$…$` and `$$…$$` become math placeholders rendered by KaTeX later. */
  latex: boolean;
}

/**
 * Renders markdown to sanitised nodes, ready to insert; `inline` renders a paragraph's content
 * without the paragraph (a frozen piece of a long streaming paragraph).
 */
export type RenderMarkdown = (source: string, inline?: boolean) => DocumentFragment;

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
    `<button type="button" class="copy-code" aria-label="${escapeHtml(t("Copy code"))}">${escapeHtml(t("Copy"))}</button></div>` +
    `<pre><code${cls}>${escapeHtml(token.text)}</code></pre></div>`
  );
}

/**
 * @example
 * const render = makeMarkdown({ allowHtml: false, latex: false });
 * el.replaceChildren(render("**hi** <script>x()</script>")); // <p><strong>hi</strong> &lt;script&gt;…</p>
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
  // One config for the page: parsing it on every call costs more than sanitising a message.
  DOMPurify.setConfig({
    IN_PLACE: true,
    FORBID_TAGS: ["style", "form", "iframe", "object", "embed", "base", "meta", "link"],
    FORBID_ATTR: options.allowHtml ? [] : ["style"],
  });
  // Parsed in a <template>, whose document is inert (no script, no image loads, no handlers),
  // and sanitised there in place: cheaper than DOMPurify building a document per call, and
  // nothing reaches the live document before it is clean.
  const template = document.createElement("template");
  return (source, inline = false) => {
    template.innerHTML = (inline ? marked.parseInline(source) : marked.parse(source)) as string;
    // In-place sanitising needs an element root; made in the template's inert document so a
    // stray `</div>` in allowed raw HTML cannot close it early.
    const root = template.content.ownerDocument.createElement("div");
    root.append(template.content);
    DOMPurify.sanitize(root);
    const fragment = document.createDocumentFragment();
    fragment.append(...root.childNodes);
    return fragment;
  };
}
