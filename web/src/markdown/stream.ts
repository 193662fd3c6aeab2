/**
 * Where a streaming markdown text can be cut so the part before the cut never changes its
 * rendering again: the start of a block that follows a blank line, outside any code fence.
 * The renderer freezes everything before the cut and re-renders only the tail each frame, so a
 * long answer costs the same per frame at token 20,000 as at token 20.
 */

export interface Splitter {
  /** Text scanned so far (only whole lines are scanned). */
  text: string;
  scanned: number;
  /** Open fence marker (e.g. "```"), or "" outside a fence. */
  fence: string;
  blankBefore: boolean;
  /** Offset of the latest safe cut; 0 when there is none yet. */
  cut: number;
}

export function makeSplitter(): Splitter {
  return { text: "", scanned: 0, fence: "", blankBefore: false, cut: 0 };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Advances the splitter over `text`. When `text` does not extend what was scanned (a
 * replace), scanning starts over.
 * @example
 * advanceSplitter(makeSplitter(), "para one\n\npara two\n").cut; // 10
 */
export function advanceSplitter(prev: Splitter, text: string): Splitter {
  const s = text.startsWith(prev.text.slice(0, prev.scanned))
    ? { ...prev, text }
    : { ...makeSplitter(), text };
  let pos = s.scanned;
  for (let nl = text.indexOf("\n", pos); nl !== -1; nl = text.indexOf("\n", pos)) {
    const line = text.slice(pos, nl);
    const fence = FENCE.exec(line)?.[1];
    if (s.fence) {
      const closes =
        fence && fence[0] === s.fence[0] && fence.length >= s.fence.length && line.trim() === fence;
      if (closes) s.fence = "";
    } else if (line.trim() === "") {
      s.blankBefore = true;
    } else {
      // An indented line continues the previous block (list item, indented code).
      if (s.blankBefore && !/^\s/.test(line)) s.cut = pos;
      s.blankBefore = false;
      if (fence) s.fence = fence;
    }
    pos = nl + 1;
  }
  s.scanned = pos;
  return s;
}
