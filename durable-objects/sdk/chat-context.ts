import type { StepData } from "../../protocol/frames.js";
import { currentScope } from "../session/context.js";
import { Message } from "./message.js";

export interface OpenAIMessage {
  role: "user" | "assistant" | "system";
  content: string;
}

const ROLES: Record<string, OpenAIMessage["role"]> = {
  user_message: "user",
  assistant_message: "assistant",
  system_message: "system",
};

function messageSteps(): StepData[] {
  // Notices (e.g. "Task manually stopped.") are for the user, not for the model.
  return currentScope()
    .session.store.steps("messages")
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
};
