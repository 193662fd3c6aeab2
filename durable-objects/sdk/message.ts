/**
 * `cl.Message` and `cl.ErrorMessage`. A message is a kind of step (its type ends in
 * `_message`); its sending, streaming and placement are placement.ts's, shared with `cl.Step`.
 * A message stored in `cl.userSession` comes back as the session has it now.
 */
import { isMessage, type StepData } from "../../protocol/frames.js";
import { Action } from "./action.js";
import type { Element } from "./elements.js";
import { newId } from "./ids.js";
import { Placement } from "./placement.js";
import { registerRevivable } from "./serialize.js";

/** @internal The step types that are messages (see `isMessage`). */
export type MessageType = "assistant_message" | "user_message" | "system_message";

/**
 * What a `cl.Message` is made of: its `content`, `author`, `elements` and `actions`.
 * @example
 * await new cl.Message({ content: "Done.", author: "Bot", actions: [new cl.Action({ name: "again" })] }).send();
 */
export interface MessageOptions {
  content?: string;
  /** Shown as the message's author. @default the app's name ("Assistant") */
  author?: string;
  elements?: Element[];
  actions?: Action[];
  /** Renders the content as a code block in this language. */
  language?: string;
  id?: string;
  /** @internal */
  type?: MessageType;
  parentId?: string | null;
  metadata?: Record<string, unknown>;
  createdAt?: number;
}

interface MessageJSON extends Omit<MessageOptions, "elements" | "actions"> {
  order: number;
  actions: ReturnType<Action["toJSON"]>[];
}

/**
 * A chat message. Inside any hook, `send()` finds the session by itself.
 * @example
 * const msg = new cl.Message({ content: "" });
 * for await (const token of tokens) await msg.streamToken(token);
 * await msg.send();
 */
export class Message {
  id: string;
  content: string;
  author: string;
  type: MessageType;
  language?: string;
  actions: Action[];
  elements: Element[];
  parentId: string | null | undefined;
  createdAt: number;
  metadata: Record<string, unknown>;
  /** A user message: the id of the command the user picked (`cl.setCommands`), if any. */
  command?: string;
  /** A user message: the option of each mode picker (`cl.setModes`), `{ [modeId]: optionId }`. */
  modes?: Record<string, string>;
  /** @internal Server order; 0 until first sent. */
  order = 0;
  /** @internal Set by ErrorMessage. */
  protected isError = false;
  readonly #placement = new Placement(this);

  constructor(options: string | MessageOptions = {}) {
    const o = typeof options === "string" ? { content: options } : options;
    this.id = o.id ?? newId();
    this.content = o.content ?? "";
    this.author = o.author ?? "Assistant";
    this.type = o.type ?? "assistant_message";
    this.language = o.language;
    this.actions = o.actions ?? [];
    this.elements = o.elements ?? [];
    this.parentId = o.parentId;
    this.createdAt = o.createdAt ?? Date.now();
    this.metadata = o.metadata ?? {};
  }

  /** @internal The wire form. */
  toStep(): StepData {
    for (const action of this.actions) action.forId = this.id;
    return {
      id: this.id,
      parentId: this.parentId ?? null,
      type: this.type,
      name: this.author,
      output: this.content,
      createdAt: this.createdAt,
      order: this.order,
      ...(this.language ? { language: this.language } : {}),
      ...(this.actions.length ? { actions: this.actions.map((a) => a.toJSON()) } : {}),
      ...(this.isError ? { isError: true } : {}),
      ...(this.#placement.streaming ? { streaming: true } : {}),
      ...(Object.keys(this.metadata).length ? { metadata: this.metadata } : {}),
    };
  }

  /** Sends the message (or, after streaming, sends its final form). */
  async send(): Promise<this> {
    this.#placement.send(() => this.toStep(), true);
    for (const element of this.elements) await element.send(this.id);
    return this;
  }

  /** Sends the changed message; false when it was never sent. */
  async update(): Promise<boolean> {
    if (!this.order) return false;
    await this.send();
    return true;
  }

  /**
   * Appends a token (the first call starts a stream); with `isSequence` replaces the text.
   * Tokens are coalesced into frames by the session.
   */
  async streamToken(token: string, options: { isSequence?: boolean } = {}): Promise<void> {
    this.#placement.stream(() => this.toStep(), token, options.isSequence === true);
    this.content = options.isSequence ? token : this.content + token;
  }

  /** Removes the message from the chat. */
  async remove(): Promise<void> {
    this.#placement.remove();
  }

  /** Removes every action button of the message. */
  async removeActions(): Promise<void> {
    this.actions = [];
    await this.update();
  }

  toJSON(): MessageJSON {
    return {
      id: this.id,
      content: this.content,
      author: this.author,
      type: this.type,
      language: this.language,
      parentId: this.parentId,
      createdAt: this.createdAt,
      metadata: this.metadata,
      order: this.order,
      actions: this.actions.map((a) => a.toJSON()),
    };
  }

  /** @internal */
  static fromJSON(data: MessageJSON): Message {
    const message = new Message({
      ...data,
      actions: data.actions.map((a) => (a instanceof Action ? a : new Action(a))),
    });
    message.order = data.order;
    return message;
  }

  /** @internal A message as stored in the session. */
  static fromStep(step: StepData): Message {
    const message = new Message({
      id: step.id,
      content: step.output,
      author: step.name,
      type: step.type as MessageType,
      language: step.language,
      parentId: step.parentId,
      createdAt: step.createdAt,
      metadata: step.metadata,
      actions: (step.actions ?? []).map((a) => new Action(a)),
    });
    message.order = step.order;
    message.isError = step.isError === true;
    const { command, modes } = step.metadata ?? {};
    if (typeof command === "string") message.command = command;
    if (modes && typeof modes === "object" && !Array.isArray(modes)) {
      message.modes = Object.fromEntries(
        Object.entries(modes).filter((e): e is [string, string] => typeof e[1] === "string"),
      );
    }
    return message;
  }
}

/**
 * A message shown as an error (author "Error" unless given).
 * @example
 * await new cl.ErrorMessage({ content: "boom" }).send();
 */
export class ErrorMessage extends Message {
  constructor(options: string | MessageOptions = {}) {
    const o = typeof options === "string" ? { content: options } : options;
    super({ author: "Error", ...o });
    this.isError = true;
  }
}

// A stored message comes back as the session has it now (sent, updated, its actions removed).
registerRevivable("Message", Message, (data, context) => {
  const stored = data as MessageJSON;
  const current = stored.id ? context?.step(stored.id) : undefined;
  return current && isMessage(current.type) ? Message.fromStep(current) : Message.fromJSON(stored);
});
