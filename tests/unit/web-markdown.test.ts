import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { advanceSplitter, makeSplitter, softCut } from "../../web/src/markdown/stream";

function feed(chunks: string[]) {
  let sp = makeSplitter();
  let text = "";
  for (const c of chunks) {
    text += c;
    sp = advanceSplitter(sp, text);
  }
  return { sp, text };
}

describe("advanceSplitter", () => {
  it("cuts at the start of a block after a blank line", () => {
    const { sp, text } = feed(["para one\n", "\n", "para two\n"]);
    expect(text.slice(sp.cut)).toBe("para two\n");
  });

  it("never cuts inside an open code fence", () => {
    const { sp } = feed(["intro\n\n```js\n", "let a = 1;\n\n", "let b = 2;\n"]);
    expect(sp.fence).toBe("```");
    expect(sp.cut).toBe("intro\n\n".length);
  });

  it("cuts again after the fence closes", () => {
    const { sp, text } = feed(["```\ncode\n\nmore\n```\n", "\n", "after\n"]);
    expect(sp.fence).toBe("");
    expect(text.slice(sp.cut)).toBe("after\n");
  });

  it("does not cut before an indented continuation", () => {
    const { sp } = feed(["- item\n\n", "  continued\n"]);
    expect(sp.cut).toBe(0);
  });

  it("gives the same cut whether text arrives in one piece or many", () => {
    const whole = "a\n\nb\n\n```\nx\n\ny\n```\n\nc\n";
    const one = advanceSplitter(makeSplitter(), whole);
    const many = feed(whole.split(""));
    expect(many.sp.cut).toBe(one.cut);
  });

  it("starts over when the text is replaced rather than extended", () => {
    let sp = advanceSplitter(makeSplitter(), "aaa\n\nbbb\n");
    sp = advanceSplitter(sp, "zzz\n");
    expect(sp.cut).toBe(0);
  });
});

describe("softCut", () => {
  const opts = { atBlockStart: true, latex: false };
  const words = (n: number) =>
    Array.from({ length: n }, (_, i) => ["alpha", "beta", "gamma", "delta"][i % 4]).join(" ");

  it("leaves short paragraphs, multi-line text and non-paragraph blocks alone", () => {
    expect(softCut(words(100), 0, opts)).toBe(-1);
    expect(softCut(`${words(400)}\n${words(400)}`, 0, opts)).toBe(-1);
    for (const start of ["- ", "1. ", "# ", "> ", "    ", "| a ", "```", "[ref]: "])
      expect(softCut(start + words(1000), 0, opts)).toBe(-1);
  });

  it("cuts a long line at a space, keeping the end live and no block marker after the cut", () => {
    const text = `${words(500)} - 1. ${words(500)}`;
    const cut = softCut(text, 0, opts);
    expect(cut).toBeGreaterThan(0);
    expect(text[cut - 1]).toBe(" ");
    expect(text.length - cut).toBeGreaterThanOrEqual(400);
    expect(text.slice(cut)).not.toMatch(/^(- |1\. )/);
  });

  it("does not cut inside a code span, emphasis or link until it closes", () => {
    const open = `${words(300)} \`code ${words(200)}`;
    expect(softCut(open, 0, opts)).toBe(-1);
    const bold = `${words(300)} **bold ${words(200)}`;
    expect(softCut(bold, 0, opts)).toBe(-1);
    const link = `${words(300)} [a link (with ${words(200)}`;
    expect(softCut(link, 0, opts)).toBe(-1);
  });

  it("cuts anyway once a paragraph is very long, so a stray `*` cannot stall the page", () => {
    const text = `*not closed ${words(4000)}`;
    expect(softCut(`*not closed ${words(400)}`, 0, opts)).toBe(-1);
    expect(softCut(text, 0, opts)).toBeGreaterThan(0);
  });

  it("renders the same inline HTML whether a streamed paragraph is cut or not", () => {
    const pieces = [
      "plain words here",
      "**bold words**",
      "*emphasis here*",
      "`code span`",
      "a [link](https://example.com/a_b) too",
      "snake_case_name and __strong__",
      "~~struck out~~",
      "<b>tag</b> & ampersands",
      "5 * 3 = 15",
      "ending with a backslash \\*",
    ];
    let whole = "";
    for (let i = 0; i < 600; i++) whole += `${pieces[(i * 7) % pieces.length]} `;
    whole += "end.";
    // Stream it in chunks, soft-cutting as the renderer does.
    const segments: string[] = [];
    let from = 0;
    for (let at = 0; at < whole.length; at += 37) {
      const text = whole.slice(0, at);
      const cut = softCut(text, from, { atBlockStart: from === 0, latex: false });
      if (cut > 0) {
        segments.push(text.slice(from, cut));
        from = cut;
      }
    }
    expect(segments.length).toBeGreaterThan(3);
    const pieced =
      segments.map((s) => marked.parseInline(s) as string).join("") +
      (marked.parseInline(whole.slice(from)) as string);
    const expected = marked.parseInline(whole) as string;
    let at = 0;
    while (at < expected.length && pieced[at] === expected[at]) at++;
    // The first difference in context (empty when there is none).
    expect(pieced === expected ? "" : pieced.slice(Math.max(0, at - 60), at + 60)).toBe("");
  });
});
