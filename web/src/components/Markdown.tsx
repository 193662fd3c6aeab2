/**
 * Rendered markdown that keeps up with a stream. While `streaming`, repaints happen at most
 * once per animation frame, and only the tail after the last stable block boundary is
 * re-rendered; finished blocks are rendered once and left alone. When the stream ends a short
 * text is rendered once more as a whole (exact for cross-block constructs such as loose lists);
 * a long one keeps its blocks, since re-rendering and re-laying out 100 KB would stall the page.
 */
import { createEffect, on, onCleanup } from "solid-js";
import { decorate, type ElementRef, linkElements, onCodeCopyClick } from "../markdown/enhance";
import { advanceSplitter, makeSplitter, type Splitter } from "../markdown/stream";
import { useUi } from "../state/ui";

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
  let frozenUpTo = 0;
  let frame = 0;

  const paintAll = () => {
    root.replaceChildren(ui.render(props.text));
    frozen = tail = null;
    splitter = makeSplitter();
    frozenUpTo = 0;
    linkElements(root, props.links ?? []);
    decorate(root, ui.latex);
  };

  const paintStreaming = (final = false) => {
    frame = 0;
    const text = props.text;
    // A final pass scans the last line too, as if the text ended with a newline.
    const next = advanceSplitter(splitter, final ? `${text}\n` : text);
    if (next.cut < frozenUpTo || !frozen || !tail) {
      // First streamed paint, or the text was replaced: start the split over.
      root.textContent = "";
      frozen = document.createElement("div");
      tail = document.createElement("div");
      root.append(frozen, tail);
      frozenUpTo = 0;
    }
    splitter = next;
    if (next.cut > frozenUpTo) {
      const chunk = document.createElement("div");
      chunk.className = "md-block";
      chunk.append(ui.render(text.slice(frozenUpTo, next.cut)));
      frozen.append(chunk);
      decorate(chunk, ui.latex);
      frozenUpTo = next.cut;
    }
    // The tail changes every frame, so it skips highlighting and math until it is frozen.
    tail.replaceChildren(ui.render(text.slice(frozenUpTo)));
    if (final) {
      linkElements(root, props.links ?? []);
      decorate(tail, ui.latex);
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
