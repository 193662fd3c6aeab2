/**
 * The chat settings dialog on the wire (`cl.ChatSettings`): the widgets an app sends, the
 * `settings` event that carries them with their values, and the user's confirmed values.
 * Values are plain JSON keyed by widget id; the session checks them against the widgets it
 * sent. protocol/frames.ts places these schemas in its unions and the snapshot.
 */
import * as v from "valibot";
import { id, json, seq } from "./fields.js";

export const INPUT_WIDGET_TYPES = [
  "select",
  "slider",
  "switch",
  "textinput",
  "numberinput",
  "tags",
] as const;

/** One chat-settings widget, as sent to the client. */
export const InputWidgetSchema = v.object({
  type: v.picklist(INPUT_WIDGET_TYPES),
  id,
  label: v.string(),
  initial: v.optional(json),
  description: v.optional(v.string()),
  tooltip: v.optional(v.string()),
  placeholder: v.optional(v.string()),
  values: v.optional(v.array(v.string())),
  items: v.optional(v.array(v.object({ label: v.string(), value: v.string() }))),
  min: v.optional(v.number()),
  max: v.optional(v.number()),
  step: v.optional(v.number()),
  disabled: v.optional(v.boolean()),
});
export type InputWidget = v.InferOutput<typeof InputWidgetSchema>;

/** The widgets and their values now (a snapshot's `settings`). */
export const SettingsStateSchema = v.object({
  widgets: v.array(InputWidgetSchema),
  values: v.record(v.string(), json),
});

/** Event: the app sent (or the user confirmed) settings: the widgets and their values. */
export const SettingsEventSchema = v.object({
  type: v.literal("settings"),
  seq,
  widgets: v.array(InputWidgetSchema),
  values: v.record(v.string(), json),
});

/** The user confirmed the settings dialog with these values. */
export const SettingsFrameSchema = v.object({
  type: v.literal("settings"),
  values: v.record(v.string(), json),
});
