/**
 * What an app puts in the composer besides the text box: commands (`cl.setCommands`) and mode
 * pickers (`cl.setModes`). The shapes are shared by the session, which validates a user
 * message's `command` and `modes` against what the app set, and the web client, which draws
 * them; ids are restricted so each becomes a DOM id (`#command-ID`, `#mode-ID`) verbatim.
 */
import * as v from "valibot";

/** Ids of commands, modes and mode options: letters, digits, `_` and `-`, 1–64 of them. */
export const COMPOSER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Most commands and modes an app may set; more is an app mistake, not a menu. */
export const MAX_COMMANDS = 100;
export const MAX_MODES = 10;
export const MAX_MODE_OPTIONS = 50;

const composerId = v.pipe(v.string(), v.regex(COMPOSER_ID));
const shortText = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** One command of the composer's menu. */
export const CommandSchema = v.object({
  id: composerId,
  description: shortText(500),
  icon: v.optional(shortText(200)),
  /** Also shown as a button in the composer bar. */
  button: v.optional(v.boolean()),
  /** Stays selected after a message is sent with it. */
  persistent: v.optional(v.boolean()),
});
export type CommandData = v.InferOutput<typeof CommandSchema>;

export const ModeOptionSchema = v.object({
  id: composerId,
  name: shortText(200),
  description: v.optional(shortText(500)),
  icon: v.optional(shortText(200)),
  default: v.optional(v.boolean()),
});
export type ModeOptionData = v.InferOutput<typeof ModeOptionSchema>;

/** One picker (say, the model or the reasoning effort) and its options. */
export const ModeSchema = v.object({
  id: composerId,
  name: shortText(200),
  options: v.pipe(v.array(ModeOptionSchema), v.minLength(1), v.maxLength(MAX_MODE_OPTIONS)),
});
export type ModeData = v.InferOutput<typeof ModeSchema>;

/** The pickers and the option each one has now (`{ [modeId]: optionId }`). */
export const ModesStateSchema = v.object({
  modes: v.pipe(v.array(ModeSchema), v.maxLength(MAX_MODES)),
  values: v.record(v.string(), v.string()),
});
export type ModesState = v.InferOutput<typeof ModesStateSchema>;

export const CommandListSchema = v.pipe(v.array(CommandSchema), v.maxLength(MAX_COMMANDS));

/** The option a mode starts on: the one marked `default`, else the first. */
export function defaultOption(mode: ModeData): string {
  return (mode.options.find((o) => o.default) ?? mode.options[0])?.id ?? "";
}
