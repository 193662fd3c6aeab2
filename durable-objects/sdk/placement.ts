/**
 * Where a message or a step goes and how its text streams: one implementation for both. An item
 * takes its parent from the scope and its place in the chat when first shown; from then until
 * its final form is sent (or it is removed) its task keeps it open, so a task that ends or is
 * stopped closes what it left streaming or running.
 */
import type { StepData } from "../../protocol/frames.js";
import { currentScope, type HookScope, TaskCancelledError } from "../session/context.js";

/** What a message and a step have in common: an id, a parent and a place. */
export interface Placed {
  readonly id: string;
  parentId: string | null | undefined;
  order: number;
}

/** The streaming state of one message or step. */
export class Placement {
  /** True from the first streamed token until the item is sent. */
  streaming = false;

  constructor(private readonly item: Placed) {}

  /** The scope, after placing the item; throws into code whose task was stopped. */
  place(): HookScope {
    const scope = currentScope();
    if (scope.run?.cancelled) throw new TaskCancelledError();
    if (this.item.parentId === undefined) this.item.parentId = scope.parentId;
    if (!this.item.order) this.item.order = scope.session.nextOrder();
    scope.run?.open.add(this.item.id);
    return scope;
  }

  /** Sends the item's current form; `final` ends what its task has to close. */
  send(form: () => StepData, final: boolean): void {
    const scope = this.place();
    this.streaming = false;
    if (final) scope.run?.open.delete(this.item.id);
    scope.session.putStep(form());
  }

  /** Streams a token (the first one shows the item as streaming). */
  stream(form: () => StepData, token: string, replace: boolean): void {
    const scope = this.place();
    if (!this.streaming) {
      this.streaming = true;
      scope.session.putStep(form());
    }
    scope.session.streamToken(this.item.id, token, replace);
  }

  /** Removes the item from the chat. */
  remove(): void {
    const scope = currentScope();
    scope.run?.open.delete(this.item.id);
    scope.session.removeStep(this.item.id);
  }
}
