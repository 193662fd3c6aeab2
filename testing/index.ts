/**
 * `edgelit/testing`: drive an app's hooks from a Vitest test in the Workers pool, through the
 * same doors a browser uses (the Worker's routes and the session's WebSocket). Every wait is
 * bounded and fails with the last frames seen; a chat is "settled" when no task runs or an ask
 * waits for the user, which is what each call below waits for.
 */
import { applyD1Migrations, type D1Migration, env, runInDurableObject } from "cloudflare:test";
import type { ChatSession } from "../durable-objects/chat-session.js";
import { hooks } from "../durable-objects/sdk/hooks.js";
import { decodeValue } from "../durable-objects/sdk/serialize.js";
import {
  type ActionData,
  type AskData,
  isMessage,
  type ServerFrame,
  type StepData,
} from "../protocol/frames.js";
import { Client, newSession, newVisitor, type Visitor } from "./client.js";

/** A message or step as the user sees it now: streamed tokens applied. */
export interface ChatStep {
  id: string;
  parentId: string | null;
  /** `assistant_message`, `user_message`, `tool`, `llm`, `run`, … */
  type: StepData["type"];
  /** The author of a message, the name of a step. */
  name: string;
  /** The text of a message, the output of a step. */
  output: string;
  input?: string;
  isError?: boolean;
  /** What the step carries besides its text (an `llm` step: provider, model, latencyMs, usage). */
  metadata?: Record<string, unknown>;
  actions: ActionData[];
}

/** What a call produced: the messages and steps that first appeared during it, in order. */
export interface Turn {
  messages: ChatStep[];
  steps: ChatStep[];
}

/** Options of `openChat`. */
export interface OpenChatOptions {
  /** `[project] user_env` values, as the env form would send them. */
  env?: Record<string, string>;
  /** The chat profile picked. */
  chatProfile?: string;
  /** Milliseconds any one wait may take. @default 10_000 */
  timeoutMs?: number;
}

let migrated: Promise<void> | undefined;

/** Applies the kit's D1 migrations once per test isolate (`edgelit/vitest` binds them). */
function migrate(): Promise<void> {
  const bound = (env as { EDGELIT_MIGRATIONS?: D1Migration[] }).EDGELIT_MIGRATIONS;
  if (!bound) return Promise.resolve();
  migrated ??= applyD1Migrations(env.DB, bound);
  return migrated;
}

/**
 * Opens a new chat as a new anonymous visitor; resolves once `onChatStart` has settled.
 * @example
 * const chat = await openChat();
 * const turn = await chat.send("hello");
 * expect(turn.messages.at(-1)?.output).toContain("hello");
 */
export async function openChat(options: OpenChatOptions = {}): Promise<TestChat> {
  await migrate();
  const visitor = await newVisitor();
  const sessionId = await newSession(visitor);
  const hello = {
    ...(options.env ? { env: options.env } : {}),
    ...(options.chatProfile ? { chatProfile: options.chatProfile } : {}),
  };
  const client = await Client.open(sessionId, visitor, hello);
  const chat = new TestChat(client, sessionId, visitor, options.timeoutMs ?? 10_000);
  await chat.run(0, hooks.chatStart ? (f) => f.type === "task" && f.running : undefined);
  return chat;
}

/** One open chat: send messages, click actions, answer asks, read the user session. */
export class TestChat {
  /** @internal Use `openChat`. */
  constructor(
    private readonly client: Client,
    /** The session id (the thread id in the UI's URL). */
    readonly sessionId: string,
    /** The visitor (its cookie), to call the Worker's routes as this user. */
    readonly visitor: Visitor,
    private readonly timeoutMs: number,
  ) {}

  /** Every message and step so far, in order. */
  steps(): ChatStep[] {
    return [...foldSteps(this.client.frames).values()].map(toChatStep);
  }

  /** Every message (user and assistant) so far, in order. */
  messages(): ChatStep[] {
    return this.steps().filter((s) => isMessage(s.type));
  }

  /** The question an ask is waiting on, if any. */
  pendingAsk(): AskData | null {
    return this.#state().ask;
  }

  /** Sends a user message and waits until the app has answered (or asks something). */
  async send(content: string): Promise<Turn> {
    const id = crypto.randomUUID();
    const echo = (f: ServerFrame) =>
      f.type === "step" && f.step.type === "user_message" && f.step.metadata?.clientId === id;
    return this.#act({ type: "message", id, content }, echo, hooks.message !== undefined);
  }

  /**
   * Clicks the newest visible action button with this name (or id) and waits for its callback.
   * @throws when no such button is shown.
   */
  async clickAction(nameOrId: string): Promise<Turn> {
    const ask = this.#state().ask;
    const askAction = ask?.actions?.find((a) => a.name === nameOrId || a.id === nameOrId);
    if (ask && askAction) {
      return this.#act({ type: "ask_reply", askId: ask.id, actionId: askAction.id }, askClosed);
    }
    const shown = this.steps().flatMap((s) => s.actions);
    const action = shown.reverse().find((a) => a.name === nameOrId || a.id === nameOrId);
    if (!action) {
      const names = shown.map((a) => a.name).join(", ") || "none";
      throw new Error(`no action button "${nameOrId}" is shown (shown: ${names})`);
    }
    return this.#act({ type: "action", id: action.id }, (f) => f.type === "task" && f.running);
  }

  /**
   * Answers the open `AskUserMessage` with text, and waits for what follows.
   * @throws when no text ask is open.
   */
  async answer(text: string): Promise<Turn> {
    const ask = this.#state().ask;
    if (ask?.kind !== "text") throw new Error("no AskUserMessage is waiting for an answer");
    return this.#act({ type: "ask_reply", askId: ask.id, text }, askClosed);
  }

  /** Reads a `cl.userSession` value as the app would (`undefined` when unset). */
  async userSession<T = unknown>(key: string): Promise<T | undefined> {
    const namespace = (env as { CHAT_SESSION: DurableObjectNamespace<ChatSession> }).CHAT_SESSION;
    const stub = namespace.get(namespace.idFromName(this.sessionId));
    const encoded = await runInDurableObject(stub, (instance: ChatSession) =>
      instance.session.values.get(key),
    );
    return encoded === undefined ? undefined : (decodeValue(encoded) as T);
  }

  /** Closes the WebSocket (the session stays, as when a tab closes). */
  close(): void {
    this.client.close();
  }

  /** @internal Waits for `started` (when given) after `from`, then until the chat settles. */
  async run(from: number, started?: (f: ServerFrame) => boolean): Promise<Turn> {
    if (started) await this.#seen(from, started, "the app to start working");
    await this.#until(from, () => {
      const state = this.#state();
      return !state.running || state.ask !== null;
    });
    const before = new Set(foldSteps(this.client.frames.slice(0, from)).keys());
    const steps = this.steps().filter((s) => !before.has(s.id));
    return { messages: steps.filter((s) => isMessage(s.type)), steps };
  }

  async #act(
    frame: Parameters<Client["send"]>[0],
    started: (f: ServerFrame) => boolean,
    thenTask = false,
  ): Promise<Turn> {
    const from = this.client.frames.length;
    this.client.send(frame);
    await this.#seen(from, (f) => started(f) || f.type === "error", "the session to answer");
    const refused = this.client.frames.slice(from).find((f) => f.type === "error");
    if (refused?.type === "error") throw new Error(`refused: ${refused.code}: ${refused.message}`);
    if (thenTask) await this.#seen(from, (f) => f.type === "task", "the app to start working");
    return this.run(from);
  }

  /** Running and ask state, from the frames received so far. */
  #state(): { running: boolean; ask: AskData | null } {
    let running = false;
    let ask: AskData | null = null;
    for (const f of this.client.frames) {
      if (f.type === "snapshot") ({ running, ask } = f.snapshot);
      if (f.type === "task") running = f.running;
      if (f.type === "ask") ask = f.ask;
    }
    return { running, ask };
  }

  #seen(from: number, pred: (f: ServerFrame) => boolean, what: string): Promise<void> {
    return this.#until(from, () => this.client.frames.slice(from).some(pred), what);
  }

  async #until(from: number, done: () => boolean, what = "the chat to settle"): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    while (!done()) {
      if (this.client.closed)
        throw new Error(`the session closed the WebSocket, waiting for ${what}`);
      if (Date.now() > deadline) {
        const last = JSON.stringify(
          this.client.frames.slice(Math.max(from, this.client.frames.length - 5)),
        );
        throw new Error(
          `timed out after ${this.timeoutMs} ms waiting for ${what}; last frames: ${last}`,
        );
      }
      await this.client.next(() => true, Math.max(1, deadline - Date.now())).catch(() => undefined);
    }
  }
}

function askClosed(f: ServerFrame): boolean {
  return f.type === "ask" && f.ask === null;
}

/** The steps a client would show after `frames`: creations, replacements, deltas, removals. */
function foldSteps(frames: ServerFrame[]): Map<string, StepData> {
  const steps = new Map<string, StepData>();
  for (const f of frames) {
    if (f.type === "snapshot") for (const s of f.snapshot.steps) steps.set(s.id, { ...s });
    if (f.type === "step") steps.set(f.step.id, { ...f.step });
    if (f.type === "remove") steps.delete(f.id);
    if (f.type === "delta") {
      const s = steps.get(f.id);
      if (s) s.output = f.replace ? f.text : s.output + f.text;
    }
  }
  return new Map([...steps].sort(([, a], [, b]) => a.order - b.order));
}

function toChatStep(s: StepData): ChatStep {
  const step: ChatStep = {
    id: s.id,
    parentId: s.parentId,
    type: s.type,
    name: s.name,
    output: s.output,
    actions: s.actions ?? [],
  };
  if (s.input !== undefined) step.input = s.input;
  if (s.isError !== undefined) step.isError = s.isError;
  if (s.metadata !== undefined) step.metadata = s.metadata;
  return step;
}
