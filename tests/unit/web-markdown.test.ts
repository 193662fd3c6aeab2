import { describe, expect, it } from "vitest";
import { advanceSplitter, makeSplitter } from "../../web/src/markdown/stream";

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
