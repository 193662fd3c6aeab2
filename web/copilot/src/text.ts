/**
 * A message's text as DOM nodes, never as HTML: fenced code blocks become `<pre><code>`,
 * `` `code` `` and **bold** are kept, http(s) links become anchors; everything else is text.
 * Small on purpose (the widget's budget has no room for a Markdown library).
 */

function inline(text: string, into: Node): void {
  const pattern = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(https?:\/\/[^\s<>()]+)/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > at) into.appendChild(document.createTextNode(text.slice(at, index)));
    const [token] = match;
    let node: HTMLElement;
    if (match[1]) {
      node = document.createElement("code");
      node.textContent = token.slice(1, -1);
    } else if (match[2]) {
      node = document.createElement("strong");
      node.textContent = token.slice(2, -2);
    } else {
      const a = document.createElement("a");
      a.href = token;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = token;
      node = a;
    }
    into.appendChild(node);
    at = index + token.length;
  }
  if (at < text.length) into.appendChild(document.createTextNode(text.slice(at)));
}

/** Replaces `el`'s children with `text` drawn as above. */
export function drawText(el: HTMLElement, text: string): void {
  el.textContent = "";
  const parts = text.split(/^```[^\n]*\n?/m);
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const pre = document.createElement("pre");
      const code = document.createElement("code");
      code.textContent = part.replace(/\n$/, "");
      pre.appendChild(code);
      el.appendChild(pre);
    } else {
      inline(part, el);
    }
  });
}
