/**
 * A user message's command and mode choices, checked against what the app set with
 * `cl.setCommands` / `cl.setModes`: a client cannot send a command or an option the app never
 * offered. The modes' choices are remembered (meta `modes`) so a reload shows them again.
 */
import { type CommandData, defaultOption, type ModeData } from "../../protocol/composer.js";
import type { ClientFrame } from "../../protocol/frames.js";
import type { Session } from "./session.js";
import { reply } from "./sockets.js";

type MessageFrame = Extract<ClientFrame, { type: "message" }>;

/** What a checked message carries besides its text. */
export interface ComposerChoice {
  command?: string;
  modes?: Record<string, string>;
}

/**
 * The message's command and the value of every mode (the choice sent, else the remembered
 * one); null, and a `bad_frame` refusal naming the problem, when either was not offered.
 */
export function checkComposer(
  session: Session,
  ws: WebSocket,
  frame: MessageFrame,
): ComposerChoice | null {
  const choice: ComposerChoice = {};
  if (frame.command !== undefined) {
    const offered = session.meta.get("commands") ?? [];
    if (!offered.some((c) => c.id === frame.command)) {
      reply(ws, "bad_frame", `command "${frame.command.slice(0, 64)}" is not offered`, "message");
      return null;
    }
    choice.command = frame.command;
  }
  const state = session.meta.get("modes");
  const sent = frame.modes ?? {};
  if (!state) {
    if (Object.keys(sent).length === 0) return choice;
    reply(ws, "bad_frame", "this chat has no modes", "message");
    return null;
  }
  const values = { ...state.values };
  for (const [modeId, optionId] of Object.entries(sent)) {
    const mode = state.modes.find((m) => m.id === modeId);
    if (!mode) {
      reply(ws, "bad_frame", `unknown mode "${modeId}"`, "message");
      return null;
    }
    if (!mode.options.some((o) => o.id === optionId)) {
      reply(ws, "bad_frame", `"${optionId}" is not an option of mode "${modeId}"`, "message");
      return null;
    }
    values[modeId] = optionId;
  }
  choice.modes = values;
  return choice;
}

/** Remembers the modes a message was sent with, and tells every tab when they changed. */
export function rememberModes(session: Session, values: Record<string, string> | undefined): void {
  const state = session.meta.get("modes");
  if (!state || !values) return;
  const changed = Object.entries(values).some(([k, v]) => state.values[k] !== v);
  if (!changed) return;
  const next = { modes: state.modes, values };
  session.meta.set("modes", next);
  session.emit({ type: "modes", modes: next });
}

/** The composer's part of a snapshot. */
export function composerSnapshot(session: Session) {
  return {
    commands: session.meta.get("commands") ?? [],
    modes: session.meta.get("modes") ?? null,
  };
}

/** Stores the app's commands and shows them to every tab. */
export function putCommands(session: Session, commands: CommandData[]): void {
  session.meta.set("commands", commands);
  session.emit({ type: "commands", commands });
}

/** Stores the app's mode pickers, each on the user's last choice if offered, else its default. */
export function putModes(session: Session, modes: ModeData[]): void {
  const previous = session.meta.get("modes")?.values ?? {};
  const values: Record<string, string> = {};
  for (const mode of modes) {
    const kept = previous[mode.id];
    values[mode.id] = kept && mode.options.some((o) => o.id === kept) ? kept : defaultOption(mode);
  }
  const state = { modes, values };
  session.meta.set("modes", state);
  session.emit({ type: "modes", modes: state });
}
