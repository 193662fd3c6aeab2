/**
 * `cl.Action`: a button under a message. Its `name` picks the `cl.actionCallback` that runs when
 * it is clicked and its `id` is the button's DOM id; an action stored in `cl.userSession` comes
 * back as a live object, so `remove()` works from a later hook.
 */
import type { ActionData } from "../../protocol/frames.js";
import { currentScope } from "../session/context.js";
import { newId } from "./ids.js";
import { registerRevivable } from "./serialize.js";

/**
 * What an action button is made of: `name` picks the `cl.actionCallback`, `payload` is handed
 * to it, `label`, `tooltip` and `icon` are shown.
 * @example
 * const options: cl.ActionOptions = { name: "approve", payload: { id: 7 }, label: "Approve" };
 */
export interface ActionOptions {
  name: string;
  payload?: Record<string, unknown>;
  label?: string;
  /** The button's DOM id. @default a fresh uuid */
  id?: string;
  tooltip?: string;
  icon?: string;
  forId?: string;
}

/**
 * A button under a message; clicking it runs `cl.actionCallback(name, fn)`.
 * @example
 * new cl.Message({ content: "Need help?", actions: [new cl.Action({ name: "help", payload: { value: 1 }, label: "Get help" })] });
 */
export class Action {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  label?: string;
  tooltip?: string;
  icon?: string;
  forId?: string;

  constructor(options: ActionOptions) {
    this.id = options.id ?? newId();
    this.name = options.name;
    this.payload = options.payload ?? {};
    this.label = options.label;
    this.tooltip = options.tooltip;
    this.icon = options.icon;
    this.forId = options.forId;
  }

  /** Removes this button from its message. */
  async remove(): Promise<void> {
    const scope = currentScope();
    if (!this.forId) return;
    const step = scope.session.step(this.forId);
    if (!step?.actions) return;
    scope.session.putStep({ ...step, actions: step.actions.filter((a) => a.id !== this.id) });
  }

  toJSON(): ActionData {
    const data: ActionData = { id: this.id, name: this.name, payload: this.payload };
    if (this.label !== undefined) data.label = this.label;
    if (this.tooltip !== undefined) data.tooltip = this.tooltip;
    if (this.icon !== undefined) data.icon = this.icon;
    if (this.forId !== undefined) data.forId = this.forId;
    return data;
  }
}

registerRevivable("Action", Action, (data) => new Action(data as ActionOptions));
