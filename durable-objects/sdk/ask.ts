/**
 * `cl.AskUserMessage`, `cl.AskActionMessage`, `cl.AskFileMessage`: a prompt message, then the
 * hook waits for the user's answer. The ask itself (stored, timed out by an alarm, answered by
 * one `ask_reply`) lives in the session (session/asks.ts); these classes turn its answer into
 * what the author gets.
 */
import type { Accept } from "../../protocol/accept.js";
import { currentScope } from "../session/context.js";
import type { AskAnswer, AskRequest } from "../session/door.js";
import { ASK_DEFAULTS } from "../session/files.js";
import type { Action } from "./action.js";
import { Message } from "./message.js";
import { UploadedFile } from "./uploaded-file.js";

interface AskCommon {
  content: string;
  author?: string;
  /** Seconds to wait before resolving to `undefined`. @default 60 */
  timeout?: number;
}

/**
 * @internal Opens an ask and waits for its answer. The ask is stored (so reloads show the prompt
 * again); its deadline is a Durable Object alarm, not a timer.
 */
export async function waitForAnswer(
  prompt: Message,
  ask: AskRequest,
  timeout: number,
): Promise<AskAnswer | undefined> {
  await prompt.send();
  const { session, run } = currentScope();
  return session.openAsk(run, prompt.id, ask, timeout);
}

/**
 * The answer of an AskUserMessage: the text the user typed, as the user message it became.
 * @example
 * const res: cl.AskUserResponse | undefined = await new cl.AskUserMessage({ content: "Name?" }).send();
 */
export interface AskUserResponse {
  id: string;
  output: string;
}

/**
 * Asks the user to type an answer; resolves to `undefined` on timeout.
 * @example
 * const res = await new cl.AskUserMessage({ content: "What is your name?", timeout: 60 }).send();
 * if (res) await new cl.Message(`Hello ${res.output}`).send();
 */
export class AskUserMessage {
  constructor(readonly options: AskCommon) {}

  async send(): Promise<AskUserResponse | undefined> {
    const { content, author, timeout = 60 } = this.options;
    const answer = await waitForAnswer(new Message({ content, author }), { kind: "text" }, timeout);
    if (answer?.text === undefined) return undefined;
    const step = currentScope().session.putUserStep(answer.text);
    return { id: step.id, output: answer.text };
  }
}

/**
 * The answer of an AskActionMessage: the chosen action's data.
 * @example
 * const res: cl.AskActionResponse | undefined = await ask.send();
 * if (res?.payload.value === "yes") await new cl.Message("Going on.").send();
 */
export interface AskActionResponse {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  label?: string;
}

/**
 * Asks the user to click one of `actions`; resolves to the chosen one or `undefined`.
 * The prompt then shows what was selected.
 * @example
 * const res = await new cl.AskActionMessage({
 *   content: "Go on?",
 *   actions: [
 *     new cl.Action({ name: "yes", payload: { value: "yes" }, label: "Yes" }),
 *     new cl.Action({ name: "no", payload: { value: "no" }, label: "No" }),
 *   ],
 * }).send();
 */
export class AskActionMessage {
  constructor(readonly options: AskCommon & { actions: Action[] }) {}

  async send(): Promise<AskActionResponse | undefined> {
    const { content, author, timeout = 60, actions } = this.options;
    const prompt = new Message({ content, author });
    for (const a of actions) a.forId = prompt.id;
    const answer = await waitForAnswer(
      prompt,
      { kind: "action", actions: actions.map((a) => a.toJSON()) },
      timeout,
    );
    const chosen = answer && actions.find((a) => a.id === answer.actionId);
    if (!chosen) return undefined;
    prompt.content = `${content}\n\n**Selected:** ${chosen.label ?? chosen.name}`;
    await prompt.update();
    return { id: chosen.id, name: chosen.name, payload: chosen.payload, label: chosen.label };
  }
}

/**
 * The options of `cl.AskFileMessage`: the prompt, a timeout in seconds and the files accepted.
 * @example
 * const options: cl.AskFileOptions = { content: "Send a PDF", accept: ["application/pdf"], maxSizeMb: 5 };
 */
export interface AskFileOptions extends AskCommon {
  /** Mime globs and extensions (`["image/*", ".pdf"]`) or `{ mime: [extensions] }`. @default any */
  accept?: Accept;
  /** Largest file, in megabytes. @default 2 */
  maxSizeMb?: number;
  /** How many files the user may send. @default 1 */
  maxFiles?: number;
}

/**
 * Asks the user to upload files; resolves to them (`name`, `mime`, `size` in bytes, `type`,
 * `await file.text()` / `await file.bytes()`) or `undefined` on timeout. The limits are
 * enforced by the server too.
 * @example
 * const files = await new cl.AskFileMessage({ content: "Upload a text file", accept: ["text/plain"], maxSizeMb: 2 }).send();
 * if (files) await new cl.Message(`${files[0].name}: ${(await files[0].text()).length} chars`).send();
 */
export class AskFileMessage {
  constructor(readonly options: AskFileOptions) {}

  async send(): Promise<UploadedFile[] | undefined> {
    const {
      content,
      author,
      timeout = 90,
      accept = ["*/*"],
      maxSizeMb = ASK_DEFAULTS.maxSizeMb,
      maxFiles = ASK_DEFAULTS.maxFiles,
    } = this.options;
    const answer = await waitForAnswer(
      new Message({ content, author }),
      { kind: "file", accept, maxSizeMb, maxFiles },
      timeout,
    );
    const { session } = currentScope();
    const uploads = (answer?.files ?? []).flatMap((id) => session.usedUpload(id) ?? []);
    if (uploads.length === 0) return undefined;
    const step = session.putUserStep(uploads.map((u) => u.name).join(", "));
    session.showUploads(step.id, uploads);
    return uploads.map((u) => new UploadedFile({ ...u, forId: step.id }));
  }
}
