/**
 * Rendered markdown that keeps up with a stream. While `streaming`, repaints happen at most
 * once per animation frame, and only the tail after the last stable block boundary is
 * re-rendered; finished blocks are rendered once and left alone. A paragraph that grows long
 * without a break is frozen piece by piece too (see `softCut`), so no frame re-renders more
 * than a few KB however long the answer. When the stream ends a short
 * text is rendered once more as a whole (exact for cross-block constructs such as loose lists);
 * a long one keeps its blocks, since re-rendering and re-laying out 100 KB would stall the page.
 */
import { createEffect, on, onCleanup } from "solid-js";
import { decorate, type ElementRef, linkElements, onCodeCopyClick } from "../markdown/enhance";
import { advanceSplitter, makeSplitter, type Splitter, softCut } from "../markdown/stream";
import { useUi } from "../state/ui";

/** A streaming paragraph's box holds about this many characters before it continues in another. */
const PARA_BOX_CHARS = 8_000;
/** Above this, a finished stream keeps its blocks instead of being rendered again whole. */
const WHOLE_RENDER_MAX = 16_000;
// Reference definitions resolve across the whole text, so blocks rendered apart miss them.
const HAS_REF_DEFINITION = /^ {0,3}\[[^\]]+\]:\s/m;

interface MarkdownProps {
  text: string;
  streaming?: boolean;
  /** Side/page elements whose names become `.element-link`s. */
  links?: ElementRef[];
  onLink?: (elementId: string) => void;
  class?: string;
}

export function Markdown(props: MarkdownProps) {
  const ui = useUi();
  let root!: HTMLDivElement;
  let frozen: HTMLDivElement | null = null;
  let tail: HTMLDivElement | null = null;
  let splitter: Splitter = makeSplitter();
  /** End of the whole blocks drawn in `frozen`. */
  let frozenUpTo = 0;
  /**
   * A long paragraph still streaming: its frozen pieces and its live end share one `<p>` in
   * `frozen`; `softFrom` is where its live text starts (equal to `frozenUpTo` when none is open).
   */
  let para: HTMLParagraphElement | null = null;
  let live: HTMLSpanElement | null = null;
  /** The first box of the open paragraph (a huge one spans several; they end `frozen`). */
  let firstBox: HTMLParagraphElement | null = null;
  let softFrom = 0;
  /** Characters frozen in `para`. */
  let paraChars = 0;
  /** The text drawn as final; a change to it (a replace) starts the drawing over. */
  let frozenSource = "";
  let frame = 0;

  const paintAll = () => {
    root.replaceChildren(ui.render(props.text));
    frozen = tail = null;
    para = live = firstBox = null;
    splitter = makeSplitter();
    frozenUpTo = softFrom = 0;
    frozenSource = "";
    linkElements(root, props.links ?? []);
    decorate(root, ui.latex);
  };

  /** Drops everything drawn so far; the next streamed paint starts from the top. */
  const restart = () => {
    root.textContent = "";
    frozen = document.createElement("div");
    tail = document.createElement("div");
    root.append(frozen, tail);
    frozenUpTo = softFrom = 0;
    para = live = firstBox = null;
    frozenSource = "";
  };

  /** Removes every box of the open paragraph; its text is drawn again from `frozenUpTo`. */
  const dropOpen = () => {
    while (firstBox?.nextSibling) firstBox.nextSibling.remove();
    firstBox?.remove();
    para = live = firstBox = null;
    softFrom = frozenUpTo;
  };

  /**
   * Moves the first paragraph of `fragment` into the open paragraph (as its live end, or as a
   * frozen piece when `close`). False when the fragment does not start with a paragraph.
   */
  const mergeIntoOpen = (fragment: DocumentFragment, close: boolean): boolean => {
    const first = fragment.firstChild;
    if (!para || !live || !(first instanceof HTMLParagraphElement)) return false;
    const target = close ? document.createElement("span") : live;
    target.replaceChildren(...first.childNodes);
    first.remove();
    if (close) {
      live.replaceWith(target);
      decorate(target, ui.latex);
      para = live = firstBox = null;
    }
    return true;
  };

  const paintStreaming = (final = false) => {
    frame = 0;
    const text = props.text;
    // A final pass scans the last line too, as if the text ended with a newline.
    const next = advanceSplitter(splitter, final ? `${text}\n` : text);
    // First streamed paint, or the text was replaced under what is frozen: start over.
    if (!frozen || !tail || next.cut < frozenUpTo || !text.startsWith(frozenSource)) restart();
    const blocks = frozen as HTMLDivElement;
    const end = tail as HTMLDivElement;
    splitter = next;
    if (next.cut > frozenUpTo) {
      // Whole blocks are final. An open paragraph's rest is the first of them.
      const fragment = ui.render(text.slice(softFrom, next.cut));
      if (para && !mergeIntoOpen(fragment, true)) {
        // Cannot happen for text that only grows; redraw the blocks whole to stay exact.
        dropOpen();
        fragment.replaceChildren(ui.render(text.slice(frozenUpTo, next.cut)));
      }
      const chunk = document.createElement("div");
      chunk.className = "md-block";
      chunk.append(fragment);
      blocks.append(chunk);
      decorate(chunk, ui.latex);
      frozenUpTo = softFrom = next.cut;
    }
    // Inside one long paragraph (a single line), freeze all but its end as inline pieces.
    const cut = final
      ? -1
      : softCut(text, softFrom, { atBlockStart: para === null, latex: ui.latex });
    if (cut > softFrom) {
      if (!para || paraChars >= PARA_BOX_CHARS) {
        // The browser lays out a paragraph's lines as a whole whenever its end changes, so a
        // huge one continues in a fresh box (no margin between: it reads as a line break).
        if (para && live) {
          live.remove();
          para.classList.add("md-continued");
        }
        const continues = para !== null;
        para = document.createElement("p");
        if (continues) para.className = "md-continuation";
        live = document.createElement("span");
        para.append(live);
        blocks.append(para);
        firstBox ??= para;
        paraChars = 0;
      }
      const piece = document.createElement("span");
      piece.append(ui.render(text.slice(softFrom, cut), true));
      live?.before(piece);
      decorate(piece, ui.latex);
      paraChars += cut - softFrom;
      softFrom = cut;
    }
    // The tail changes every frame, so it skips highlighting and math until it is frozen.
    const fragment = ui.render(text.slice(softFrom));
    if (para && !mergeIntoOpen(fragment, false)) {
      dropOpen();
      fragment.replaceChildren(ui.render(text.slice(frozenUpTo)));
    }
    frozenSource = text.slice(0, softFrom);
    end.replaceChildren(fragment);
    if (final) {
      linkElements(root, props.links ?? []);
      decorate(end, ui.latex);
      if (live) decorate(live, ui.latex);
    }
  };

  const finish = () => {
    const text = props.text;
    const keepBlocks =
      frozen !== null && text.length > WHOLE_RENDER_MAX && !HAS_REF_DEFINITION.test(text);
    if (keepBlocks) paintStreaming(true);
    else paintAll();
  };

  createEffect(
    on([() => props.text, () => props.streaming, () => props.links], () => {
      if (props.streaming) {
        frame ||= requestAnimationFrame(() => paintStreaming());
        return;
      }
      cancelAnimationFrame(frame);
      frame = 0;
      finish();
    }),
  );
  onCleanup(() => cancelAnimationFrame(frame));

  const onClick = (event: MouseEvent) => {
    const link = (event.target as Element).closest?.(".element-link");
    if (link instanceof HTMLElement && link.dataset.elementId) {
      event.preventDefault();
      props.onLink?.(link.dataset.elementId);
      return;
    }
    onCodeCopyClick(event);
  };

  // Delegated clicks from the buttons and links inside, which are keyboard-reachable themselves.
  // biome-ignore lint/a11y/noStaticElementInteractions: see above.
  // biome-ignore lint/a11y/useKeyWithClickEvents: see above.
  return <div ref={root} class={`markdown ${props.class ?? ""}`} onClick={onClick} />;
}

/** Markdown source showing `text` as one code block (fence longer than any run inside). */
export function fenced(text: string, language = ""): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}
