/**
 * Edgelit's author API: `import * as cl from "edgelit"`.
 * Inside any hook, every call finds its chat session by itself.
 */

export type { ToastType } from "../../protocol/frames.js";
export type { ActionOptions } from "./action.js";
/** Buttons and questions to the user. */
export { Action } from "./action.js";
export type { AskActionResponse, AskFileOptions, AskUserResponse } from "./ask.js";
export { AskActionMessage, AskFileMessage, AskUserMessage } from "./ask.js";
export type { AudioChunk } from "./audio.js";
/** Speech from the microphone (`[features.audio]`). */
export { onAudioChunk, onAudioEnd, onAudioStart } from "./audio.js";
export type { ModelMessage, OpenAIMessage } from "./chat-context.js";
export { chatContext } from "./chat-context.js";
export type { Display, ElementOptions, ElementSize } from "./elements.js";
/** Elements shown with messages. */
export {
  Audio,
  CustomElement,
  Dataframe,
  Element,
  File,
  Image,
  Pdf,
  Plotly,
  Text,
  Video,
} from "./elements.js";
export type { Feedback, ThreadInfo } from "./hooks.js";
/** Lifecycle hooks and callbacks. */
export {
  actionCallback,
  HookRegisteredTwiceError,
  headerAuthCallback,
  oauthCallback,
  onChatEnd,
  onChatResume,
  onChatStart,
  onFeedback,
  onMessage,
  onSettingsUpdate,
  onStop,
  passwordAuthCallback,
  setChatProfiles,
  setStarters,
} from "./hooks.js";
/** Integrations. */
export { instrumentAnthropic } from "./instrument-anthropic.js";
export { instrumentMistral } from "./instrument-mistral.js";
export { instrumentOpenAI } from "./instrument-openai.js";
export { instrumentWorkersAI } from "./instrument-workers-ai.js";
export type { TokenUsage } from "./llm-step.js";
export type { MessageOptions } from "./message.js";
/** Messages and steps. */
export { ErrorMessage, Message } from "./message.js";
export { context, sleep } from "./misc.js";
export { ChatProfile, Starter } from "./profiles.js";
export { UnstorableValueError } from "./serialize.js";
/** Settings, profiles, starters, users. */
export { ChatSettings, NumberInput, Select, Slider, Switch, Tags, TextInput } from "./settings.js";
export type { StepKind, StepOptions } from "./step.js";
export { Step, step, withStep } from "./step.js";
export type { TaskListOptions, TaskOptions } from "./tasklist.js";
export { Task, TaskList, TaskStatus } from "./tasklist.js";
/** Passing notices. */
export { sendToast } from "./toast.js";
/** A file the user sent (message attachments, AskFileMessage answers). */
export { UploadedFile } from "./uploaded-file.js";
export { User } from "./user.js";
/** Session state and conversation. */
export { userSession } from "./user-session.js";
