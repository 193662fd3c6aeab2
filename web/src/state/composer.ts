/**
 * The composer's command and mode choices: which command is picked, which option each mode
 * shows, and the `message` frame that carries them. Kept apart from the text box so the
 * picking rules (a persistent command stays, the others clear after sending) are testable
 * without a DOM.
 */
import type { CommandData, ModesState } from "../../../protocol/composer";
import type { ClientFrame } from "../../../protocol/frames";
import type { PendingMessage } from "./chat";

/** What a message carries besides its text and files. */
export interface ComposerChoice {
  command?: string;
  modes?: Record<string, string>;
}

/** The `message` frame of a pending message (also used to resend it after a reconnect). */
export function messageFrame(m: PendingMessage): Extract<ClientFrame, { type: "message" }> {
  const frame: Extract<ClientFrame, { type: "message" }> = {
    type: "message",
    id: m.id,
    content: m.content,
  };
  if (m.files?.length) frame.files = m.files;
  if (m.command) frame.command = m.command;
  if (m.modes && Object.keys(m.modes).length > 0) frame.modes = m.modes;
  return frame;
}

/**
 * The commands matching what follows a leading `/` in the text, or null when the text does
 * not start a command (`/` first, no space yet).
 * @example
 * commandQuery("/sea") // "sea"
 * commandQuery("a /b") // null
 */
export function commandQuery(text: string): string | null {
  const match = /^\/([^\s/]*)$/.exec(text);
  return match ? (match[1] ?? "") : null;
}

/** Commands whose id or description contains `query`, ids starting with it first. */
export function filterCommands(commands: CommandData[], query: string): CommandData[] {
  const q = query.toLowerCase();
  const hits = commands.filter(
    (c) => c.id.toLowerCase().includes(q) || c.description.toLowerCase().includes(q),
  );
  return [
    ...hits.filter((c) => c.id.toLowerCase().startsWith(q)),
    ...hits.filter((c) => !c.id.toLowerCase().startsWith(q)),
  ];
}

/** The command still picked after a message was sent with `picked`: only a persistent one. */
export function afterSend(commands: CommandData[], picked: string | null): string | null {
  return commands.find((c) => c.id === picked)?.persistent ? picked : null;
}

/** Each mode's option: the one picked here, else the server's remembered one. */
export function modeValues(
  state: ModesState | null,
  picked: Record<string, string>,
): Record<string, string> {
  if (!state) return {};
  const out: Record<string, string> = {};
  for (const mode of state.modes) {
    const mine = picked[mode.id];
    const value = mine && mode.options.some((o) => o.id === mine) ? mine : state.values[mode.id];
    if (value) out[mode.id] = value;
  }
  return out;
}
