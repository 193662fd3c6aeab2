/**
 * Rendered markdown that keeps up with a stream. While `streaming`, repaints happen at most
 * once per animation frame, and only the tail after the last stable block boundary is
 * re-rendered; finished blocks are rendered once and left alone. When the stream ends the whole
 * text is rendered once more so cross-block constructs (loose lists, references) are exact.
 */
import { createEffect, on, onCleanup } from "solid-js";
import { type ElementRef, decorate, linkElements, onCodeCopyClick } from "../markdown/enhance";
import { type Splitter, advanceSplitter, makeSplitter } from "../markdown/stream";
import { useUi } from "../state/ui";

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
    root.innerHTML = ui.render(props.text);
    frozen = tail = null;
    splitter = makeSplitter();
    frozenUpTo = 0;
    linkElements(root, props.links ?? []);
    decorate(root, ui.latex);
  };

  const paintStreaming = () => {
    frame = 0;
    const text = props.text;
    const next = advanceSplitter(splitter, text);
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
      chunk.innerHTML = ui.render(text.slice(frozenUpTo, next.cut));
      frozen.append(chunk);
      decorate(chunk, ui.latex);
      frozenUpTo = next.cut;
    }
    // The tail changes every frame, so it skips highlighting and math until it is frozen.
    tail.innerHTML = ui.render(text.slice(frozenUpTo));
  };

  createEffect(
    on([() => props.text, () => props.streaming, () => props.links], () => {
      if (props.streaming) {
        frame ||= requestAnimationFrame(paintStreaming);
        return;
      }
      cancelAnimationFrame(frame);
      frame = 0;
      paintAll();
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

  return <div ref={root} class={`markdown ${props.class ?? ""}`} onClick={onClick} />;
}

/** Markdown source showing `text` as one code block (fence longer than any run inside). */
export function fenced(text: string, language = ""): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}
