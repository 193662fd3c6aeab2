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
  /** Text before this has no newline after `scanned` (a long line is not searched again). */
  searched: number;
}

export function makeSplitter(): Splitter {
  return { text: "", scanned: 0, fence: "", blankBefore: false, cut: 0, searched: 0 };
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
  for (
    let nl = text.indexOf("\n", Math.max(pos, s.searched));
    nl !== -1;
    nl = text.indexOf("\n", pos)
  ) {
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
  s.searched = text.length;
  return s;
}

/** A streaming paragraph's unfrozen text longer than this is cut inside the paragraph. */
export const SOFT_CUT_MIN = 2_000;
/** Characters at the end that stay live (re-rendered each frame) after a soft cut. */
const SOFT_CUT_KEEP = 400;
/** Past this, a paragraph is cut even where inline markup looks open (a stray `*` or `<`). */
const SOFT_CUT_FORCE = 16_000;

/** A line that starts (or could start) something other than a paragraph. */
const NOT_PARAGRAPH =
  /^(?: {4}|\t| {0,3}(?:[#>`~|<=_$[]|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|[-*_](?:\s*[-*_]){2,}))/;

/**
 * Whether inline markup in `s` is closed: no open code span, emphasis, strikethrough, link,
 * angle bracket or (with LaTeX) math. Conservative: may say "open" for plain text.
 */
export function inlineClosed(s: string, latex: boolean): boolean {
  let code = 0;
  let stars = 0;
  let unders = 0;
  let tildes = 0;
  let brackets = 0;
  let parens = 0;
  let angles = 0;
  let dollars = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === "`") {
      let n = 1;
      while (s[i + n] === "`") n++;
      if (code === 0) code = n;
      else if (code === n) code = 0;
      i += n - 1;
      continue;
    }
    if (code) continue;
    if (ch === "*" || ch === "~" || ch === "_") {
      // Emphasis and strikethrough open and close with runs of the character; count runs.
      let n = 1;
      while (s[i + n] === ch) n++;
      const before = s[i - 1] ?? " ";
      const after = s[i + n] ?? " ";
      const intraword = /\w/.test(before) && /\w/.test(after);
      // A run with spaces on both sides ("5 * 3") can neither open nor close anything.
      const inert = /\s/.test(before) && /\s/.test(after);
      i += n - 1;
      if (inert) continue;
      if (ch === "*") stars++;
      else if (ch === "~") tildes++;
      else if (!intraword) unders++;
      continue;
    }
    if (ch === "[") brackets++;
    else if (ch === "]") brackets = Math.max(0, brackets - 1);
    else if (ch === "(") parens++;
    else if (ch === ")") parens = Math.max(0, parens - 1);
    else if (ch === "<" && !/\s/.test(s[i + 1] ?? " ")) angles++;
    else if (ch === ">") angles = Math.max(0, angles - 1);
    else if (ch === "$" && latex) dollars++;
  }
  return (
    code === 0 &&
    stars % 2 === 0 &&
    unders % 2 === 0 &&
    tildes % 2 === 0 &&
    brackets === 0 &&
    parens === 0 &&
    angles === 0 &&
    dollars % 2 === 0
  );
}

/**
 * Where the unfrozen end of a long streaming paragraph, `text.slice(from)`, can be cut so the
 * part before renders as inline content that never changes: a space inside the paragraph's
 * single line, with inline markup closed before it and no block marker after it. `atBlockStart`
 * says `from` starts the paragraph (its first characters are checked too). Returns -1 when
 * there is no such place yet.
 * @example
 * softCut("word ".repeat(1000), 0, { atBlockStart: true, latex: false }); // 4600
 */
export function softCut(
  text: string,
  from: number,
  options: { atBlockStart: boolean; latex: boolean },
): number {
  const length = text.length - from;
  if (length <= SOFT_CUT_MIN || text.indexOf("\n", from) !== -1) return -1;
  if (options.atBlockStart && NOT_PARAGRAPH.test(text.slice(from, from + 16))) return -1;
  // The latest few spaces are tried, newest first: an emphasis opened just before the newest
  // one is usually closed before an older one.
  let forced = -1;
  for (
    let space = text.lastIndexOf(" ", text.length - SOFT_CUT_KEEP), tries = 0;
    space > from && tries < 8;
    space = text.lastIndexOf(" ", space - 1), tries++
  ) {
    const cut = space + 1;
    if (text[cut] === " " || NOT_PARAGRAPH.test(text.slice(cut, cut + 16))) continue;
    if (inlineClosed(text.slice(from, cut), options.latex)) return cut;
    if (forced === -1) forced = cut;
  }
  return length > SOFT_CUT_FORCE ? forced : -1;
}
