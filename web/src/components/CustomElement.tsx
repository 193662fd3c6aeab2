/**
 * An app's own element: the module `/public/elements/<name>.js` (see docs/custom-elements.md),
 * loaded on first use and called with `{ root, props, updateProps, callAction, sendMessage }`
 * each time the element's props change. It only ever sees data; what it may send back is its
 * own props and action calls, which the server checks.
 */
import { createEffect, createResource, onCleanup, Show } from "solid-js";
import type { ElementData } from "../../../protocol/frames";
import { useSession } from "../state/session";

type Render = (api: {
  root: HTMLElement;
  props: Readonly<Record<string, unknown>>;
  updateProps: (patch: Record<string, unknown>) => void;
  callAction: (action: { name: string; payload?: Record<string, unknown> }) => void;
  sendMessage: (text: string) => void;
}) => unknown;

const SAFE_NAME = /^[\w-]{1,100}$/;

async function loadRender(name: string): Promise<Render> {
  if (!SAFE_NAME.test(name)) throw new Error(`"${name}" is not a valid custom element name`);
  const mod = (await import(/* @vite-ignore */ `/public/elements/${name}.js`)) as {
    default?: Render;
    render?: Render;
  };
  const render = mod.default ?? mod.render;
  if (typeof render !== "function")
    throw new Error(`/public/elements/${name}.js exports no render function`);
  return render;
}

export function CustomElement(props: { el: ElementData; class: string }) {
  const session = useSession();
  const [render] = createResource(() => props.el.name, loadRender);
  let root!: HTMLDivElement;
  /** What the module's render returned: a function to call before the next render, if any. */
  let cleanup: unknown;

  createEffect(() => {
    const draw = render();
    const current = props.el.props ?? {};
    if (!draw) return;
    if (typeof cleanup === "function") cleanup();
    cleanup = draw({
      root,
      // A plain copy: the store value is a proxy, and the module must not hold on to it.
      props: Object.freeze(JSON.parse(JSON.stringify(current)) as Record<string, unknown>),
      updateProps: (patch) => session.setElementProps(props.el.id, { ...current, ...patch }),
      callAction: ({ name, payload }) => session.elementAction(props.el.id, name, payload),
      sendMessage: (text) => session.sendMessage(text),
    });
  });
  onCleanup(() => {
    if (typeof cleanup === "function") cleanup();
  });

  return (
    <div class={props.class} data-name={props.el.name}>
      <div ref={root} />
      <Show when={render.error as unknown}>
        {(error) => <p class="element-error">{String((error() as Error).message ?? error())}</p>}
      </Show>
    </div>
  );
}
