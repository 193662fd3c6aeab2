/**
 * EDGELIT_AUTH_SECRET is required as soon as the app registers an auth callback
 * (CONTRACT.md §3); `edgelit run` says so before starting rather than failing at login.
 */
import type { AppFiles } from "./app.js";
import { CliError } from "./errors.js";
import { displayPath } from "./paths.js";

/** @throws CliError when the app uses auth and `vars` has no EDGELIT_AUTH_SECRET. */
export function requireAuthSecret(app: AppFiles, usesAuth: boolean, vars: Record<string, string>) {
  if (!usesAuth || vars.EDGELIT_AUTH_SECRET) return;
  throw new CliError(
    `${displayPath(app.file)} registers an auth callback but EDGELIT_AUTH_SECRET is not set: ` +
      `add it to ${displayPath(app.devVars ?? `${app.dir}/.dev.vars`)} or the environment ` +
      `(make one with "npx edgelit create-secret")`,
  );
}
