/**
 * `cl.chatContext`: the conversation so far, read from the session's messages each time it is
 * called, as Edgelit messages or in a model's format (OpenAI, the AI SDK). Only user, assistant
 * and system messages are in it; Edgelit's own notices and the steps are not.
 */
import type { StepData } from "../../protocol/frames.js";
import { currentScope } from "../session/context.js";
import { Message } from "./message.js";

/**
 * One message of `cl.chatContext.toOpenAI()`: OpenAI's chat message shape.
 * @example
 * const messages: cl.OpenAIMessage[] = cl.chatContext.toOpenAI();
 */
export interface OpenAIMessage {
  role: "user" | "assistant" | "system";
  content: string;
}

/**
 * A message in the Vercel AI SDK's `ModelMessage` form (text content), assignable to
 * `ModelMessage` from `ai` without this module importing it.
 * @example
 * const result = streamText({ model, messages: cl.chatContext.toModelMessages() });
 */
export type ModelMessage =
  | { role: "user"; content: string }
  | { role: "assistant"; content: string }
  | { role: "system"; content: string };

const ROLES: Record<string, OpenAIMessage["role"]> = {
  user_message: "user",
  assistant_message: "assistant",
  system_message: "system",
};

function messageSteps(): StepData[] {
  // Notices (e.g. "Task manually stopped.") are for the user, not for the model.
  return currentScope()
    .session.messages()
    .filter((s) => s.type in ROLES && s.metadata?.notice !== true);
}

/**
 * The conversation so far, in order.
 * @example
 * const stream = await openai.chat.completions.create({ model, messages: cl.chatContext.toOpenAI(), stream: true });
 */
export const chatContext = {
  /** The messages themselves. */
  get(): Message[] {
    return messageSteps().map((s) => Message.fromStep(s));
  },

  /** The messages in OpenAI chat format. */
  toOpenAI(): OpenAIMessage[] {
    return messageSteps().map((s) => ({ role: ROLES[s.type]!, content: s.output }));
  },

  /**
   * The messages as the AI SDK's `ModelMessage[]`.
   * @example
   * const result = streamText({ model, messages: cl.chatContext.toModelMessages() });
   */
  toModelMessages(): ModelMessage[] {
    return messageSteps().map((s): ModelMessage => ({ role: ROLES[s.type]!, content: s.output }));
  },
};
