/**
 * The chat inside the panel, drawn from the web app's pure reducer state (../../src/state):
 * one element per visible step, kept by id, so a streamed delta rewrites one step's text and
 * nothing else. Drawn at most once per animation frame.
 */
import type { ClientFrame, StepData } from "../../../protocol/frames";
import type { ChatState } from "../../src/state/chat";
import { buildTree, flatten } from "../../src/state/tree";
import { drawText } from "./text";

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

interface Drawn {
  node: HTMLElement;
  body: HTMLElement;
  step: StepData | null;
}

export function makeView(list: HTMLElement, send: (frame: ClientFrame) => void) {
  const drawn = new Map<string, Drawn>();

  const make = (step: StepData): Drawn => {
    const isMessage = step.type.endsWith("_message");
    if (isMessage) {
      const node = el("div");
      return { node, body: node, step: null };
    }
    const node = el("details");
    node.appendChild(el("summary", { textContent: step.name }));
    const body = el("div");
    node.appendChild(body);
    return { node, body, step: null };
  };

  const update = (d: Drawn, step: StepData, state: ChatState) => {
    if (d.step === step) return;
    const isMessage = step.type.endsWith("_message");
    d.node.className = `step ${step.type}${step.isError ? " error" : ""}${step.metadata?.notice ? " notice" : ""}`;
    d.node.dataset.stepId = step.id;
    if (!isMessage) {
      const summary = d.node.firstElementChild;
      if (summary) summary.textContent = step.running ? `Using ${step.name}…` : step.name;
    }
    if (d.step?.output !== step.output) drawText(d.body, step.output);
    d.node.querySelector(".actions")?.remove();
    for (const n of d.node.querySelectorAll(".element")) n.remove();
    for (const element of Object.values(state.elements)) {
      if (element.forId !== step.id) continue;
      const note = el("div", { className: "element" });
      // Files behind the app's auth cannot be fetched by a host page's <img>: show text only.
      if (element.type === "text" && element.content) drawText(note, element.content);
      else note.textContent = `📎 ${element.name}`;
      d.node.appendChild(note);
    }
    if (step.actions?.length) {
      const row = el("div", { className: "actions" });
      for (const action of step.actions) {
        const button = el("button", {
          type: "button",
          id: action.id,
          textContent: action.label ?? action.name,
          title: action.tooltip ?? "",
        });
        button.onclick = () => send({ type: "action", id: action.id });
        row.appendChild(button);
      }
      d.node.appendChild(row);
    }
    d.step = step;
  };

  /** Draws `state`; `pending` are sent messages not echoed yet. */
  const draw = (state: ChatState) => {
    const ids = flatten(buildTree(Object.values(state.steps), "tool_call"));
    const keep = new Set(ids);
    for (const [id, d] of drawn) {
      if (!keep.has(id)) {
        d.node.remove();
        drawn.delete(id);
      }
    }
    let previous: Element | null = null;
    for (const id of ids) {
      const step = state.steps[id];
      if (!step) continue;
      let d = drawn.get(id);
      if (!d) {
        d = make(step);
        drawn.set(id, d);
      }
      update(d, step, state);
      const parent = step.parentId ? drawn.get(step.parentId)?.body : undefined;
      const host = parent ?? list;
      // Keep document order without moving nodes already in place.
      if (!parent) {
        const want: Element | null = previous
          ? previous.nextElementSibling
          : list.firstElementChild;
        if (want !== d.node) list.insertBefore(d.node, want);
        previous = d.node;
      } else if (d.node.parentElement !== host) host.appendChild(d.node);
    }
    for (const n of list.querySelectorAll(".pending")) n.remove();
    for (const message of state.pending) {
      const node = el("div", {
        className: "step user_message pending",
        textContent: message.content,
      });
      list.appendChild(node);
    }
  };

  const clear = () => {
    drawn.clear();
    list.textContent = "";
  };

  return { draw, clear };
}
