/**
 * Edgelit's author API: `import * as cl from "edgelit"`. Inside any hook, every call finds its
 * chat session by itself. Each group of exports below is introduced by one comment; the reference
 * of every name is docs/api.md (`npm run docs:api`).
 */

/** Buttons under a message, and the callbacks they run. */
export type { ActionOptions } from "./action.js";
export { Action } from "./action.js";
/** Questions a hook waits on: a typed answer, a button, files. */
export type { AskActionResponse, AskFileOptions, AskUserResponse } from "./ask.js";
export { AskActionMessage, AskFileMessage, AskUserMessage } from "./ask.js";
/** Speech from the microphone (`[features.audio]`). */
export type { AudioChunk } from "./audio.js";
export { onAudioChunk, onAudioEnd, onAudioStart } from "./audio.js";
/** The conversation so far, for a model. */
export type { ModelMessage, OpenAIMessage } from "./chat-context.js";
export { chatContext } from "./chat-context.js";
/** The composer's commands and mode pickers. */
export type { CommandOptions, ModeOptions } from "./commands.js";
export { setCommands, setModes } from "./commands.js";
/** The host page: the copilot widget's functions, window messages. */
export type { CopilotFunctionOptions } from "./copilot.js";
export { CopilotFunction, CopilotFunctionError, sendWindowMessage } from "./copilot.js";
/** Elements shown with messages: text, images, files, media, plots, tables, custom ones. */
export type { Display, ElementOptions, ElementSize } from "./elements.js";
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
/** The running hook's context (`cl.context`) and a sleep that ends when the user stops. */
export type { ClientType } from "./hook-context.js";
export { context, sleep } from "./hook-context.js";
/** Hooks: the chat's lifecycle, messages, actions, auth, and the profiles and starters. */
export type { Feedback, ThreadInfo } from "./hooks.js";
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
  onWindowMessage,
  passwordAuthCallback,
  setChatProfiles,
  setStarters,
} from "./hooks.js";
/** Model clients whose calls show as LLM steps (with token usage). */
export { instrumentAnthropic } from "./instrument-anthropic.js";
export { instrumentMistral } from "./instrument-mistral.js";
export { instrumentOpenAI } from "./instrument-openai.js";
export { instrumentWorkersAI } from "./instrument-workers-ai.js";
/** Token counts of an LLM step (and the session's total, `cl.context.tokenUsage`). */
export type { TokenUsage } from "./llm-step.js";
/** MCP servers the user connects from the composer (the client needs `edgelit/mcp`). */
export type { McpClient, McpConnection, McpTool } from "./mcp.js";
export { onMcpConnect, onMcpDisconnect } from "./mcp.js";
/** Messages. */
export type { MessageOptions } from "./message.js";
export { ErrorMessage, Message } from "./message.js";
/** Chat profiles and starter prompts (returned by setChatProfiles / setStarters). */
export { ChatProfile, Starter } from "./profiles.js";
/** Thrown when a value cannot be kept in `cl.userSession`. */
export { UnstorableValueError } from "./serialize.js";
/** The chat settings dialog and its widgets. */
export { ChatSettings, NumberInput, Select, Slider, Switch, Tags, TextInput } from "./settings.js";
/** Sharing a thread read-only by link. */
export type { SharedThread, SharedThreadViewer } from "./share.js";
export { onSharedThreadView } from "./share.js";
/** Steps of the assistant's work, shown as collapsible "Used NAME". */
export type { StepKind, StepOptions } from "./step.js";
export { Step, step, withStep } from "./step.js";
/** A task list shown beside the chat (not a running hook: see the README's glossary). */
export type { TaskListOptions, TaskOptions } from "./tasklist.js";
export { Task, TaskList, TaskStatus } from "./tasklist.js";
/** Passing notices (toasts) for the clients connected now. */
export type { ToastType } from "./toast.js";
export { sendToast } from "./toast.js";
/** A file the user sent (message attachments, AskFileMessage answers). */
export { UploadedFile } from "./uploaded-file.js";
/** A signed-in user (auth callbacks return one). */
export { User } from "./user.js";
/** Per-session values that survive hibernation and restarts. */
export { userSession } from "./user-session.js";
