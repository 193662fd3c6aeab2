/**
 * A modal built on `<dialog>`: focus trapping, Escape and the backdrop come from the browser.
 * Mounted only while open, so closed dialogs cost nothing.
 */
import { type JSX, onMount } from "solid-js";

interface DialogProps {
  id?: string;
  title: string;
  onClose: () => void;
  children: JSX.Element;
  class?: string;
}

export function Dialog(props: DialogProps) {
  let el!: HTMLDialogElement;
  onMount(() => {
    if (!el.open) el.showModal();
  });
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard way out is Escape, native to <dialog>.
    <dialog
      ref={el}
      id={props.id}
      class={`dialog ${props.class ?? ""}`}
      aria-label={props.title}
      onClose={() => props.onClose()}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself.
        if (e.target === el) el.close();
      }}
    >
      <div class="dialog-body">
        <h2 class="dialog-title">{props.title}</h2>
        {props.children}
      </div>
    </dialog>
  );
}
