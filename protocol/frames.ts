/**
 * The Edgelit wire protocol: every frame that crosses the chat WebSocket, as valibot schemas
 * (validated on receipt on both ends, through `parseClientFrame` / `parseServerFrame` here) and
 * the TypeScript types inferred from them. This module is the one place that assembles the
 * client and server frame unions, so it is the single source of truth for frame names; the core
 * frames are defined here, each feature's own in its protocol module (composer.ts, settings.ts,
 * mcp.ts, audio.ts, copilot.ts, toast.ts, custom-elements.ts). The session Durable Object and
 * the web client both import it.
 *
 * Server events that change the conversation carry a `seq` (1, 2, 3, … per session). A client
 * remembers the highest `seq` it applied and sends it in `hello` when it (re)connects; the
 * server answers with exactly the missing events, or with a `snapshot` when the client has
 * nothing (`lastSeq: 0`) or is too far behind.
 */
import * as v from "valibot";
import { AudioChunkFrameSchema, AudioEndFrameSchema, AudioStartFrameSchema } from "./audio.js";
import { CommandListSchema, ModesStateSchema } from "./composer.js";
import { CallFnReplySchema, CallFnResultFrameSchema, WindowMessageSchema } from "./copilot.js";
import { ElementActionFrameSchema, ElementPropsFrameSchema } from "./custom-elements.js";
import { id, json, seq } from "./fields.js";
import {
  McpConnectFrameSchema,
  McpDisconnectFrameSchema,
  McpEventSchema,
  McpServerSchema,
} from "./mcp.js";
import { SettingsEventSchema, SettingsFrameSchema, SettingsStateSchema } from "./settings.js";
import { ToastReplySchema } from "./toast.js";
import { isLanguageTag, MAX_LANGUAGE_TAG } from "./ui-strings.js";

/** Bumped when a frame changes incompatibly. */
export const PROTOCOL_VERSION = 1;

/** Largest frame a client may send, in bytes of UTF-8. */
export const MAX_CLIENT_FRAME_BYTES = 256 * 1024;

export const STEP_TYPES = [
  "run",
  "tool",
  "llm",
  "embedding",
  "retrieval",
  "rerank",
  "undefined",
  "user_message",
  "assistant_message",
  "system_message",
] as const;

export const StepTypeSchema = v.picklist(STEP_TYPES);
export type StepType = v.InferOutput<typeof StepTypeSchema>;

/** A message is a kind of step: one whose type ends in `_message` (user, assistant, system). */
export function isMessage(type: string): boolean {
  return type.endsWith("_message");
}

/** A button attached to a message. The button's DOM id is `id`. */
export const ActionSchema = v.object({
  id,
  name: v.string(),
  label: v.optional(v.string()),
  tooltip: v.optional(v.string()),
  icon: v.optional(v.string()),
  payload: v.optional(v.record(v.string(), json)),
  forId: v.optional(v.string()),
});
export type ActionData = v.InferOutput<typeof ActionSchema>;

export const ELEMENT_TYPES = [
  "text",
  "image",
  "file",
  "pdf",
  "audio",
  "video",
  "plotly",
  "dataframe",
  "tasklist",
  "custom",
] as const;

/**
 * An element as the client sees it. `url` is always made by the server (an app `public/` path
 * or a signed-in `/api/files/...` route); a client never supplies one.
 */
export const ElementSchema = v.object({
  id,
  type: v.picklist(ELEMENT_TYPES),
  name: v.string(),
  forId: v.optional(v.string()),
  display: v.picklist(["inline", "side", "page"]),
  url: v.optional(v.string()),
  /** Small textual content inlined in the frame (text, plotly/dataframe JSON, tasklist JSON). */
  content: v.optional(v.string()),
  mime: v.optional(v.string()),
  size: v.optional(v.string()),
  bytes: v.optional(v.number()),
  language: v.optional(v.string()),
  /** Props of a custom element (data only). */
  props: v.optional(v.record(v.string(), json)),
  /** Audio or video that starts playing when it arrives (`cl.Audio({ autoPlay: true })`). */
  autoPlay: v.optional(v.boolean()),
});
export type ElementData = v.InferOutput<typeof ElementSchema>;

/** Thumbs up (1) or down (0) on an answer, with an optional comment. */
export const FeedbackSchema = v.object({
  value: v.picklist([0, 1]),
  comment: v.optional(v.string()),
});
export type FeedbackData = v.InferOutput<typeof FeedbackSchema>;

/** A message or a step. Messages are steps whose type ends in `_message`. */
export const StepSchema = v.object({
  id,
  parentId: v.nullable(v.string()),
  type: StepTypeSchema,
  /** Author for messages, step name for steps. */
  name: v.string(),
  /** Content for messages, output for steps. */
  output: v.string(),
  input: v.optional(v.string()),
  isError: v.optional(v.boolean()),
  /** True while tokens are still arriving. */
  streaming: v.optional(v.boolean()),
  /** Step still running (shows "Using NAME"). */
  running: v.optional(v.boolean()),
  language: v.optional(v.string()),
  showInput: v.optional(v.union([v.boolean(), v.string()])),
  defaultOpen: v.optional(v.boolean()),
  icon: v.optional(v.string()),
  createdAt: v.number(),
  endedAt: v.optional(v.number()),
  /** Server order of creation; the UI sorts by it, never by wall clock. */
  order: v.number(),
  actions: v.optional(v.array(ActionSchema)),
  feedback: v.optional(FeedbackSchema),
  metadata: v.optional(v.record(v.string(), json)),
  /**
   * Set in snapshots when a step's input or output was cut to a preview: the full lengths.
   * The whole text is at `GET /api/sessions/:id/steps/:stepId`.
   */
  truncated: v.optional(
    v.object({ input: v.optional(v.number()), output: v.optional(v.number()) }),
  ),
});
export type StepData = v.InferOutput<typeof StepSchema>;

/**
 * Characters of a non-message step's input or output a snapshot carries. An instrumented LLM
 * step holds the whole prompt, so a long conversation would otherwise ship its history once per
 * turn. Messages are never cut.
 */
export const STEP_PREVIEW_CHARS = 2_000;

/** What an open ask waits for. Only one ask is open per session at a time. */
export const AskSchema = v.object({
  id,
  kind: v.picklist(["text", "file", "action"]),
  /** The message that shows the prompt. */
  stepId: v.string(),
  /** Epoch ms when the ask times out. */
  deadline: v.number(),
  accept: v.optional(v.union([v.array(v.string()), v.record(v.string(), v.array(v.string()))])),
  maxSizeMb: v.optional(v.number()),
  maxFiles: v.optional(v.number()),
  actions: v.optional(v.array(ActionSchema)),
});
export type AskData = v.InferOutput<typeof AskSchema>;

/** The session's token total over every `llm` step that reported usage. */
export const UsageTotalSchema = v.object({ inputTokens: v.number(), outputTokens: v.number() });
export type UsageTotal = v.InferOutput<typeof UsageTotalSchema>;

/** Events the session emits and logs; each has a `seq`. */
export const ServerEventSchema = v.variant("type", [
  /** Create or fully replace a message/step. */
  v.object({ type: v.literal("step"), seq, step: StepSchema }),
  /** Streamed tokens for a step, coalesced. `replace` swaps the whole text (isSequence). */
  v.object({
    type: v.literal("delta"),
    seq,
    id,
    text: v.string(),
    replace: v.optional(v.boolean()),
  }),
  v.object({ type: v.literal("remove"), seq, id }),
  /**
   * Feedback given on answer `id` (never the whole step again: feedback is small, a step may
   * be megabytes). The step keeps it until the next feedback replaces it.
   */
  v.object({
    type: v.literal("feedback"),
    seq,
    id,
    value: v.picklist([0, 1]),
    comment: v.optional(v.string()),
  }),
  v.object({ type: v.literal("element"), seq, element: ElementSchema }),
  v.object({ type: v.literal("element_remove"), seq, id }),
  /** The first task (a stoppable hook run) started (`running: true`), or the last one ended. */
  v.object({ type: v.literal("task"), seq, running: v.boolean() }),
  /** The open ask, or `null` when it ended. */
  v.object({ type: v.literal("ask"), seq, ask: v.nullable(AskSchema) }),
  /** `cl.ChatSettings`: the widgets and their values now. */
  SettingsEventSchema,
  /** `cl.setCommands`: the composer's commands now (replaces the previous list). */
  v.object({ type: v.literal("commands"), seq, commands: CommandListSchema }),
  /** `cl.setModes`, or the remembered choice changed: the pickers and their values now. */
  v.object({ type: v.literal("modes"), seq, modes: ModesStateSchema }),
  /** The thread got its name (first user interaction) — the UI moves to `/thread/:id`. */
  v.object({ type: v.literal("thread"), seq, threadId: id, name: v.string() }),
  /** The session's MCP servers changed (one connected or removed): the whole list. */
  McpEventSchema,
  /** The session's token total changed (an `llm` step with usage ended). */
  v.object({ type: v.literal("usage"), seq, usage: UsageTotalSchema }),
]);
export type ServerEvent = v.InferOutput<typeof ServerEventSchema>;

/** Everything a client needs to draw the session from nothing. */
export const SnapshotSchema = v.object({
  steps: v.array(StepSchema),
  elements: v.array(ElementSchema),
  running: v.boolean(),
  ask: v.nullable(AskSchema),
  settings: v.nullable(SettingsStateSchema),
  threadName: v.nullable(v.string()),
  mcp: v.optional(v.array(McpServerSchema)),
  usage: v.optional(UsageTotalSchema),
  commands: v.optional(CommandListSchema),
  modes: v.optional(v.nullable(ModesStateSchema)),
});

/** Frames that are not logged: replies to one client. */
export const ServerReplySchema = v.variant("type", [
  /** Answer to `hello`: the session is live; `seq` is its newest event. */
  v.object({
    type: v.literal("ready"),
    sessionId: id,
    seq: v.number(),
    protocol: v.number(),
  }),
  /** The whole state at `seq`; the client replaces what it has. */
  v.object({ type: v.literal("snapshot"), seq: v.number(), snapshot: SnapshotSchema }),
  /**
   * A refused frame or a failure that concerns this client only; `frame` is the type of the
   * client frame refused, when the server knows it.
   */
  v.object({
    type: v.literal("error"),
    code: v.string(),
    message: v.string(),
    frame: v.optional(v.string()),
  }),
  v.object({ type: v.literal("pong") }),
  /** `cl.sendToast`: a passing notice (not logged, never replayed). */
  ToastReplySchema,
  /** `cl.CopilotFunction(...).call()`: the copilot widget runs the host page's function. */
  CallFnReplySchema,
  /** `cl.sendWindowMessage(data)`: handed to the host page (not logged, never replayed). */
  WindowMessageSchema,
]);
export type ServerReply = v.InferOutput<typeof ServerReplySchema>;

export const ServerFrameSchema = v.union([ServerEventSchema, ServerReplySchema]);
export type ServerFrame = ServerEvent | ServerReply;

/** Frames a client sends. */
export const ClientFrameSchema = v.variant("type", [
  v.object({
    type: v.literal("hello"),
    lastSeq: v.pipe(v.number(), v.integer(), v.minValue(0)),
    env: v.optional(v.record(v.string(), v.pipe(v.string(), v.maxLength(4096)))),
    chatProfile: v.optional(v.string()),
    /** The browser's language (`cl.context.language`), a BCP 47 tag. */
    language: v.optional(
      v.pipe(
        v.string(),
        v.maxLength(MAX_LANGUAGE_TAG),
        v.check(isLanguageTag, "must be a BCP 47 language tag"),
      ),
    ),
  }),

  v.object({
    type: v.literal("message"),
    /** Client-made id, so a resend after a reconnect is recognised and not run twice. */
    id,
    content: v.string(),
    files: v.optional(v.array(id)),
    /** A command id the app set (`cl.setCommands`); anything else is refused. */
    command: v.optional(id),
    /** The mode pickers' choices, `{ [modeId]: optionId }`, checked against `cl.setModes`. */
    modes: v.optional(
      v.record(v.pipe(v.string(), v.maxLength(64)), v.pipe(v.string(), v.maxLength(64))),
    ),
  }),
  /**
   * The user edits one of their sent messages (`features.edit_message`): every later message of
   * the thread is removed and `onMessage` runs again with the new text.
   */
  v.object({ type: v.literal("edit_message"), id, content: v.string() }),
  v.object({ type: v.literal("stop") }),
  v.object({ type: v.literal("action"), id }),
  v.object({
    type: v.literal("ask_reply"),
    askId: id,
    text: v.optional(v.string()),
    files: v.optional(v.array(id)),
    actionId: v.optional(id),
  }),
  SettingsFrameSchema,
  v.object({
    type: v.literal("feedback"),
    stepId: id,
    value: v.picklist([0, 1]),
    comment: v.optional(v.pipe(v.string(), v.maxLength(4000))),
  }),
  v.object({ type: v.literal("ping") }),
  /** The microphone (`features.audio`): start, numbered base64 pieces, end. */
  AudioStartFrameSchema,
  AudioChunkFrameSchema,
  AudioEndFrameSchema,

  /** A custom element replaces its props, or calls an action callback (data only). */
  ElementPropsFrameSchema,
  ElementActionFrameSchema,
  /** The host page's answer to `call_fn`, and its messages for `cl.onWindowMessage`. */
  CallFnResultFrameSchema,
  WindowMessageSchema,
  /** The user connects or removes an MCP server (`[features.mcp] enabled`). */
  McpConnectFrameSchema,
  McpDisconnectFrameSchema,
]);
export type ClientFrame = v.InferOutput<typeof ClientFrameSchema>;

/** Error codes of `error` replies. */
export type ErrorCode =
  | "bad_frame"
  | "too_large"
  | "not_found"
  | "ask_closed"
  | "busy"
  | "rate_limited"
  | "hook_failed";

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function parseWith<T>(schema: v.GenericSchema<unknown, T>, raw: string): ParseResult<T> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, error: "frame is not valid JSON" };
  }
  const result = v.safeParse(schema, data);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join(".");
  const error = path ? `${path}: ${issue.message}` : issue.message;
  // valibot quotes the value it received: a flood of huge bad frames must not become huge
  // error replies and log lines.
  return {
    ok: false,
    error: error.length > MAX_ERROR_CHARS ? `${error.slice(0, MAX_ERROR_CHARS)}…` : error,
  };
}

/** Longest parse error text, in characters. */
const MAX_ERROR_CHARS = 200;

/** Parses and validates a frame from a client. */
export function parseClientFrame(raw: string): ParseResult<ClientFrame> {
  return parseWith(ClientFrameSchema, raw);
}

/** Parses and validates a frame from the server. */
export function parseServerFrame(raw: string): ParseResult<ServerFrame> {
  return parseWith(ServerFrameSchema as v.GenericSchema<unknown, ServerFrame>, raw);
}

/** True for frames that carry a `seq` and belong to the event log. */
export function isServerEvent(frame: ServerFrame): frame is ServerEvent {
  return "seq" in frame && frame.type !== "ready" && frame.type !== "snapshot";
}
