/**
 * `edgelit/ai-sdk`: shows a Vercel AI SDK `streamText` result in the chat. Text streams into one
 * new message, each tool call is a `tool` step (input = arguments, output = result), reasoning is
 * a step. Nothing from `ai` is imported (the result is read by shape), so this subpath costs an
 * app nothing unless it imports it, and it works with any `ai` version whose `fullStream` speaks
 * the v5+ part names.
 */
import { context, Message, type MessageOptions, Step } from "../durable-objects/sdk/index.js";

/** The parts of `result.fullStream` this module reads; others are ignored. */
export type StreamPart =
  | { type: "text-delta"; text: string }
  | { type: "reasoning-start" | "reasoning-end"; id?: string }
  | { type: "reasoning-delta"; text: string; id?: string }
  | { type: "tool-call"; toolCallId: string; toolName: string; input: unknown }
  | { type: "tool-result"; toolCallId: string; toolName: string; output: unknown }
  | { type: "tool-error"; toolCallId: string; toolName: string; error: unknown }
  | { type: "error"; error: unknown }
  | { type: "abort" }
  | { type: string };

/** What `sendStream` takes: a `streamText(...)` result (only its `fullStream` is read). */
export interface StreamTextLike {
  fullStream: AsyncIterable<unknown>;
}

/** Options of `sendStream`. */
export interface SendStreamOptions {
  /** The message the text streams into (author, elements, actions…). @default a new cl.Message */
  message?: Message | MessageOptions;
  /** Stops reading when aborted. @default cl.context.signal (the user's stop) */
  signal?: AbortSignal;
}

function json(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2) ?? "";
  } catch {
    return String(value);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const ABORTED = Symbol("aborted");

function untilAbort<T>(next: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener("abort", onAbort, { once: true });
    next.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

async function close(step: Step, output: string | undefined, isError = false): Promise<void> {
  if (output !== undefined) step.output = output;
  step.isError = isError;
  step.endedAt = Date.now();
  await step.update();
}

/**
 * Streams a `streamText` result into a new message, tool calls and reasoning as steps, and
 * returns the message once the stream ends. A user's stop (or `options.signal`) stops the
 * reading; pass `abortSignal: cl.context.signal` to `streamText` so the request stops too. An
 * `error` part is thrown after what came before it is shown.
 * @example
 * import { sendStream } from "edgelit/ai-sdk";
 * cl.onMessage(async () => {
 *   const result = streamText({ model, messages: cl.chatContext.toModelMessages(), abortSignal: cl.context.signal });
 *   await sendStream(result);
 * });
 */
export async function sendStream(
  result: StreamTextLike,
  options: SendStreamOptions = {},
): Promise<Message> {
  const message =
    options.message instanceof Message
      ? options.message
      : new Message({ content: "", ...options.message });
  const signal = options.signal ?? context.signal;
  const tools = new Map<string, Step>();
  let reasoning: Step | undefined;
  const iterator = result.fullStream[Symbol.asyncIterator]();
  const endReasoning = async () => {
    if (reasoning) await close(reasoning, undefined);
    reasoning = undefined;
  };
  for (;;) {
    const next = await untilAbort(iterator.next(), signal);
    if (next === ABORTED) {
      // The stream's own abort (from abortSignal) settles it; never wait on it here.
      void iterator.return?.().catch(() => undefined);
      return message;
    }
    if (next.done) break;
    const part = next.value as StreamPart;
    if (part.type === "text-delta" && "text" in part) {
      await endReasoning();
      await message.streamToken(part.text);
    } else if (part.type === "reasoning-start" || part.type === "reasoning-delta") {
      reasoning ??= await new Step({ name: "Reasoning", type: "undefined" }).send();
      if ("text" in part) await reasoning.streamToken(part.text);
    } else if (part.type === "reasoning-end") {
      await endReasoning();
    } else if (part.type === "tool-call" && "toolCallId" in part && "input" in part) {
      await endReasoning();
      const step = new Step({ name: part.toolName, type: "tool", showInput: "json" });
      step.input = json(part.input);
      tools.set(part.toolCallId, await step.send());
    } else if (part.type === "tool-result" && "output" in part) {
      const step = tools.get(part.toolCallId);
      tools.delete(part.toolCallId);
      if (step) await close(step, json(part.output));
    } else if (part.type === "tool-error" && "toolCallId" in part && "error" in part) {
      const step = tools.get(part.toolCallId);
      tools.delete(part.toolCallId);
      if (step) await close(step, errorText(part.error), true);
    } else if (part.type === "error" && "error" in part) {
      await endReasoning();
      if (message.content) await message.send();
      throw part.error instanceof Error ? part.error : new Error(errorText(part.error));
    } else if (part.type === "abort") {
      return message;
    }
  }
  await endReasoning();
  // A tool without `execute` has no result: its step ends with the stream.
  for (const step of tools.values()) await close(step, undefined);
  await message.send();
  return message;
}
