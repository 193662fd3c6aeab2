/**
 * What author code reads of the hook it runs in: `cl.context` (the stop signal, the user's
 * language, the client type, the token total) and `cl.sleep`, which ends with the hook's run
 * when the user stops. Everything here is read from the current scope at call time, never
 * cached, so it is right in whichever hook calls it.
 */
import type { ClientType } from "../../protocol/client-type.js";
import { isLanguageTag, LANGUAGE_KEY } from "../../protocol/ui-strings.js";
import { currentScope, TaskCancelledError } from "../session/context.js";
import type { TokenUsage } from "./llm-step.js";

export type { ClientType };

/**
 * Waits `seconds` (like Chainlit's `cl.sleep`); ends early (throwing) when the user stops the hook.
 * @example
 * await cl.sleep(2);
 */
export function sleep(seconds: number): Promise<void> {
  const signal = currentScope().run?.controller.signal;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TaskCancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new TaskCancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, seconds * 1000);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The running hook's context.
 * @example
 * await openai.chat.completions.create({ ... }, { signal: cl.context.signal });
 */
export const context = {
  /** Aborted when the user presses stop: pass it to `fetch`/`openai` calls. */
  get signal(): AbortSignal {
    const scope = currentScope();
    return scope.run?.controller.signal ?? new AbortController().signal;
  },
  /**
   * The user's language as their browser reports it (a BCP 47 tag such as "fr-FR"), or "en"
   * when the client sent none. The UI follows it too; answer in it if you can.
   */
  get language(): string {
    const tag = currentScope().session.readValue<unknown>(LANGUAGE_KEY);
    return typeof tag === "string" && isLanguageTag(tag) ? tag : "en";
  },
  /** The chat session (its id is also the thread's id). */
  get session(): { id: string } {
    return { id: currentScope().session.id };
  },
  /** Where this chat runs: "webapp", "copilot" (the widget), "slack", "discord" or "teams". */
  get clientType(): ClientType {
    return currentScope().session.clientType;
  },
  /**
   * The session's token total over every `llm` step that reported usage (kept across reloads
   * and hibernation).
   * @example
   * const { inputTokens, outputTokens } = cl.context.tokenUsage;
   */
  get tokenUsage(): TokenUsage {
    const total = currentScope().session.tokenUsage();
    return { ...total, totalTokens: total.inputTokens + total.outputTokens };
  },
};
