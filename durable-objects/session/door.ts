/**
 * The session as author code sees it: the one door from the author API (durable-objects/sdk/)
 * into a session. Its verbs write steps, stream tokens, show elements, open asks and read the
 * user session; the store, the emitter and the ask waiters behind them stay private, so every
 * write goes through the same path (logged, folded into state, sent, persisted).
 */

import type { ClientType } from "../../protocol/client-type.js";
import type { CommandData, ModeData } from "../../protocol/composer.js";
import type { ElementData, StepData, UsageTotal } from "../../protocol/frames.js";
import type { InputWidget } from "../../protocol/settings.js";
import type { ToastType } from "../../protocol/toast.js";
import { elementKey, elementUrl, uploadKey } from "../../schema/keys.js";
import type { McpClient } from "../sdk/mcp.js";
import { type AskAnswer, type AskRequest, openAsk } from "./asks.js";
import { clientTypeOf } from "./client-type.js";
import { putCommands, putModes } from "./composer.js";
import { broadcast, callPage } from "./copilot.js";
import { showUploads, type UploadMeta, usedUpload } from "./files.js";
import type { HookRun } from "./hook-run.js";
import { type McpRecord, mcpClientOf, mcpRecords } from "./mcp.js";
import type { Meter } from "./meter.js";
import { clientTypeOf as platformClientType } from "./platform-client.js";
import type { Session } from "./session.js";
import { readySockets } from "./sockets.js";
import { countStepUsage, usageTotal } from "./usage.js";
import { readValue, writeValue } from "./user-values.js";

export type { AskAnswer, AskRequest } from "./asks.js";

/** Bytes an element carries to R2 (files, media, long text). */
export interface ElementBytes {
  bytes: Uint8Array | ArrayBuffer;
  mime?: string;
}

export class SessionDoor {
  readonly #session: Session;
  /** Counts the R2 writes of elements (the session's meter). */
  readonly #meter: Meter;

  constructor(session: Session, meter: Meter) {
    this.#session = session;
    this.#meter = meter;
  }

  /** The session's id, which is also its thread's id. */
  get id(): string {
    return this.#session.id;
  }

  /**
   * Where the chat runs (`cl.context.clientType`): the chat platform whose conversation this
   * session answers, else the web app or the copilot widget, as the last upgrade said.
   */
  get clientType(): ClientType {
    const platform = platformClientType(this.#session);
    return platform === "webapp" ? clientTypeOf(this.#session) : platform;
  }

  /** The place of the next step in the chat (steps are ordered by it). */
  nextOrder(): number {
    return this.#session.steps.nextOrder();
  }

  /** Shows a step or message, or its new state. */
  putStep(step: StepData): void {
    this.#session.putStep(step);
  }

  /** A step as the session has it now (streamed tokens included). */
  step(id: string): StepData | undefined {
    return this.#session.currentStep(id);
  }

  /** Appends `token` to a step's text (`replace`: becomes its text); coalesced into frames. */
  streamToken(stepId: string, token: string, replace: boolean): void {
    this.#session.streamToken(stepId, token, replace);
  }

  /** Removes a step (and its children) from the chat. */
  removeStep(id: string): void {
    this.#session.removeStep(id);
  }

  /** Sends the tokens waiting to be coalesced now. */
  flush(): void {
    this.#session.flush();
  }

  /** Records a user message (an answer to an ask) and names the thread after the first. */
  putUserStep(content: string): StepData {
    return this.#session.userStep(content);
  }

  /** The conversation's messages, in order. */
  messages(): StepData[] {
    return this.#session.steps.all("messages");
  }

  /**
   * Shows an element. With `file`, its bytes go to R2 under a key the server makes, and the
   * element points at the session's element URL.
   */
  async putElement(element: ElementData, file?: ElementBytes): Promise<void> {
    const session = this.#session;
    let data = element;
    if (file) {
      this.#meter.r2Put(file.bytes.byteLength);
      await session.env.FILES.put(elementKey(session.id, element.id), file.bytes, {
        httpMetadata: file.mime ? { contentType: file.mime } : undefined,
        // The download's file name (worker/file-headers.ts).
        customMetadata: { name: element.name },
      });
      data = {
        ...element,
        bytes: file.bytes.byteLength,
        url: elementUrl(session.id, element.id),
      };
    }
    session.putElement(data);
  }

  /** Removes an element from the chat. */
  removeElement(id: string): void {
    this.#session.removeElement(id);
  }

  /**
   * Opens an ask under the prompt `stepId` (already sent) and waits: the answer, or `undefined`
   * when it times out or ends unanswered. Throws TaskCancelledError when `task` is stopped.
   */
  openAsk(
    task: HookRun | null,
    stepId: string,
    request: AskRequest,
    timeoutSeconds: number,
  ): Promise<AskAnswer | undefined> {
    return openAsk(this.#session, task, stepId, request, timeoutSeconds);
  }

  /** An upload of this session already sent with a message or an answer, or undefined. */
  usedUpload(id: string): UploadMeta | undefined {
    return usedUpload(this.#session, id);
  }

  /** The bytes of a used upload of this session; null when it is not (or no longer) stored. */
  async readUpload(id: string): Promise<Uint8Array | null> {
    if (!usedUpload(this.#session, id)) return null;
    const object = await this.#session.env.FILES.get(uploadKey(this.#session.id, id));
    return object ? new Uint8Array(await object.arrayBuffer()) : null;
  }

  /** Shows uploads as inline elements of the user message `forId`. */
  showUploads(forId: string, uploads: UploadMeta[]): void {
    showUploads(this.#session, forId, uploads);
  }

  /**
   * Shows the chat settings `widgets`; returns their values (what the user chose before for a
   * widget already shown, else its initial value).
   */
  putSettings(widgets: InputWidget[]): Record<string, unknown> {
    const session = this.#session;
    const previous = session.meta.get("settings")?.values ?? {};
    const values: Record<string, unknown> = {};
    for (const w of widgets) values[w.id] = w.id in previous ? previous[w.id] : w.initial;
    session.meta.set("settings", { widgets, values });
    session.values.set("chatSettings", JSON.stringify(values));
    session.emit({ type: "settings", widgets, values });
    return values;
  }

  /** A `cl.userSession` value (the same object while this instance lives). */
  readValue<T>(key: string, fallback?: T): T | undefined {
    return readValue(this.#session.values, this.#session.steps, key, fallback);
  }

  /** Stores a `cl.userSession` value; `undefined` deletes it. */
  writeValue(key: string, value: unknown): void {
    writeValue(this.#session.values, key, value);
  }

  /**
   * Shows a toast to whoever has the chat open now. Not logged: it never replays. Text streamed
   * before it reaches the page first.
   */
  toast(message: string, level: ToastType): void {
    this.#session.flush();
    const frame = JSON.stringify({ type: "toast", message, level });
    for (const ws of readySockets(this.#session.ctx)) {
      try {
        ws.send(frame);
      } catch {
        // A socket closing now just misses the toast.
      }
    }
  }

  /**
   * Runs a host page's function through the copilot widget (`call.frame` is the encoded
   * `call_fn`); resolves with its result. @throws CopilotFunctionError (./copilot.ts)
   */
  callPage(
    call: { id: string; name: string; timeout: number; frame: string },
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    return callPage(this.#session, call, signal);
  }

  /** Posts an encoded `window_message` to the host pages of the clients connected now. */
  postToPage(frame: string): void {
    broadcast(this.#session, frame);
  }

  /** Adds an ended `llm` step's usage to the session's token total (once per step). */
  countUsage(stepId: string, usage: unknown): void {
    countStepUsage(this.#session, stepId, usage);
  }

  /** The session's token total so far. */
  tokenUsage(): UsageTotal {
    return usageTotal(this.#session);
  }

  /** The session's MCP servers (never their headers). */
  mcpServers(): McpRecord[] {
    return mcpRecords(this.#session);
  }

  /** The live client of MCP server `name`, opened again from storage when this instance has none. */
  mcpClient(name: string): Promise<McpClient> {
    return mcpClientOf(this.#session, name);
  }

  /** `cl.setCommands`: the commands a message may carry from now on (./composer.ts). */
  putCommands(commands: CommandData[]): void {
    putCommands(this.#session, commands);
  }

  /** `cl.setModes`: the mode pickers, each keeping the user's choice when it is still offered. */
  putModes(modes: ModeData[]): void {
    putModes(this.#session, modes);
  }
}
