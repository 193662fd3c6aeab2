/**
 * Issue 15: the offline demo models (the repo's default app and the project template) quote the
 * question instead of echoing it into markdown, so a code fence in the question cannot swallow
 * the rest of the reply; the reply shows a table, code and math.
 */
import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { demoReply, quoted } from "../../examples/assistant/demo-model.js";

const QUESTIONS = [
  "plain question",
  "fix this:\n```js\nconst a = 1;\n```\nplease",
  "an unclosed ```python fence",
  "four ```` backticks and ~~~ tildes",
];

describe("the offline demo model", () => {
  for (const question of QUESTIONS) {
    it(`keeps its reply whole for ${JSON.stringify(question.slice(0, 24))}`, () => {
      const html = marked.parse(demoReply(question).join(""), { async: false });
      // The question is one code block, verbatim; the table and the code sample survive it.
      expect(html).toContain("<table>");
      expect(html).toContain('<code class="language-ts">');
      expect(html).toContain("$$\\sum_{k=1}^{n}");
      const blocks = [...html.matchAll(/<code class="language-text">([\s\S]*?)<\/code>/g)];
      expect(blocks).toHaveLength(1);
      const decode = (s: string) =>
        s
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, "&");
      expect(decode(blocks[0]?.[1] ?? "").trimEnd()).toBe(question);
    });
  }

  it("fences with more backticks than the text holds", () => {
    expect(quoted("a")).toBe("```text\na\n```");
    expect(quoted("a ```` b")).toBe("`````text\na ```` b\n`````");
  });
});
