/**
 * `cl.setCommands` and `cl.setModes`: what the composer offers besides the text box. The lists
 * live in the session's SQLite (meta), so they survive reloads, hibernation and restarts, and
 * they are the only commands and mode options a user message may carry (session/composer.ts).
 */
import * as v from "valibot";
import {
  type CommandData,
  CommandListSchema,
  MAX_MODES,
  type ModeData,
  ModeSchema,
} from "../../protocol/composer.js";
import { currentScope } from "../session/context.js";

/**
 * A command of the composer's menu, as `cl.setCommands` takes it.
 * @example
 * const search: cl.CommandOptions = { id: "search", description: "Search the web", button: true };
 */
export type CommandOptions = CommandData;
/**
 * A mode picker, as `cl.setModes` takes it.
 * @example
 * const effort: cl.ModeOptions = { id: "effort", name: "Effort", options: [{ id: "low", name: "Low" }] };
 */
export type ModeOptions = ModeData;

function problem(issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join(".");
  return path ? `${path}: ${issue?.message}` : (issue?.message ?? "invalid");
}

function duplicate(ids: string[]): string | undefined {
  return ids.find((id, i) => ids.indexOf(id) !== i);
}

/**
 * Sets the commands the user can pick in the composer (the `/` menu and `button: true`
 * buttons); the chosen one arrives as `message.command`. Replaces the previous list.
 * @throws TypeError naming the bad field (ids are letters, digits, `_` and `-`).
 * @example
 * await cl.setCommands([
 *   { id: "search", description: "Search the web", icon: "🔎", button: true },
 *   { id: "picture", description: "Draw a picture", icon: "🖼️", persistent: true },
 * ]);
 */
export async function setCommands(commands: CommandOptions[]): Promise<void> {
  const parsed = v.safeParse(CommandListSchema, commands);
  if (!parsed.success) throw new TypeError(`cl.setCommands: ${problem(parsed.issues)}`);
  const again = duplicate(parsed.output.map((c) => c.id));
  if (again) throw new TypeError(`cl.setCommands: command id "${again}" is used twice`);
  currentScope().session.putCommands(parsed.output);
}

/**
 * Sets the mode pickers of the composer (a model, a reasoning effort, …). Each message then
 * carries the chosen option of every mode as `message.modes` (`{ [modeId]: optionId }`); a
 * mode starts on its `default: true` option (else its first) and keeps the user's last choice.
 * @throws TypeError naming the bad field.
 * @example
 * await cl.setModes([{ id: "model", name: "Model", options: [
 *   { id: "fast", name: "Fast", default: true }, { id: "smart", name: "Smart", icon: "🧠" },
 * ] }]);
 */
export async function setModes(modes: ModeOptions[]): Promise<void> {
  const parsed = v.safeParse(v.pipe(v.array(ModeSchema), v.maxLength(MAX_MODES)), modes);
  if (!parsed.success) throw new TypeError(`cl.setModes: ${problem(parsed.issues)}`);
  const again = duplicate(parsed.output.map((m) => m.id));
  if (again) throw new TypeError(`cl.setModes: mode id "${again}" is used twice`);
  for (const mode of parsed.output) {
    const option = duplicate(mode.options.map((o) => o.id));
    if (option)
      throw new TypeError(`cl.setModes: option "${option}" of "${mode.id}" is used twice`);
  }
  currentScope().session.putModes(parsed.output);
}
