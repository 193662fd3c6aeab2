/**
 * Chat settings sent by the client: only the widgets the app declared, each value of the
 * widget's type and size; anything else is refused whole.
 */
import type { InputWidget } from "../../protocol/settings.js";
import { hooks } from "../sdk/hooks.js";
import { withinLimit } from "./limits.js";
import type { Session } from "./session.js";
import { reply } from "./sockets.js";

const MAX_TEXT = 10_000;

function check(widget: InputWidget, value: unknown): string | null {
  switch (widget.type) {
    case "switch":
      return typeof value === "boolean" ? null : "must be true or false";
    case "slider":
    case "numberinput": {
      if (typeof value !== "number" || !Number.isFinite(value)) return "must be a number";
      if (widget.min !== undefined && value < widget.min) return `must be at least ${widget.min}`;
      if (widget.max !== undefined && value > widget.max) return `must be at most ${widget.max}`;
      return null;
    }
    case "select": {
      const allowed = widget.values ?? widget.items?.map((i) => i.value) ?? [];
      return typeof value === "string" && allowed.includes(value)
        ? null
        : "is not one of the choices";
    }
    case "textinput":
      return typeof value === "string" && value.length <= MAX_TEXT
        ? null
        : `must be text of at most ${MAX_TEXT} characters`;
    case "tags":
      return Array.isArray(value) &&
        value.length <= 100 &&
        value.every((t) => typeof t === "string" && t.length <= 200)
        ? null
        : "must be a list of at most 100 short tags";
  }
}

export async function applySettings(
  session: Session,
  ws: WebSocket,
  values: Record<string, unknown>,
): Promise<void> {
  const current = session.meta.get("settings");
  if (!current) return reply(ws, "not_found", "this chat has no settings");
  const next = { ...current.values };
  for (const [id, value] of Object.entries(values)) {
    const widget = current.widgets.find((w) => w.id === id);
    if (!widget) return reply(ws, "bad_frame", `unknown setting "${id}"`);
    const problem = check(widget, value);
    if (problem) return reply(ws, "bad_frame", `setting "${id}" ${problem}`);
    next[id] = value;
  }
  if (!(await withinLimit(session, ws, "settings"))) return;
  session.meta.set("settings", { widgets: current.widgets, values: next });
  session.values.set("chatSettings", JSON.stringify(next));
  session.emit({ type: "settings", widgets: current.widgets, values: next });
  const onUpdate = hooks.settingsUpdate;
  if (onUpdate) await session.runTask("onSettingsUpdate", () => onUpdate(next));
}
