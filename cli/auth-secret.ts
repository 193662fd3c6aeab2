/**
 * EDGELIT_AUTH_SECRET is required, and must be strong, as soon as the app registers an auth
 * callback (CONTRACT.md §3); `edgelit run` says so before starting rather than failing at login.
 */
import { secretWeakness, weakSecretMessage } from "../protocol/auth-secret.js";
import type { AppFiles } from "./app.js";
import { CliError } from "./errors.js";
import { displayPath } from "./paths.js";

/** @throws CliError when the app uses auth and EDGELIT_AUTH_SECRET of `vars` is unset or weak. */
export function requireAuthSecret(app: AppFiles, usesAuth: boolean, vars: Record<string, string>) {
  if (!usesAuth) return;
  const secret = vars.EDGELIT_AUTH_SECRET?.trim();
  if (secret) {
    const weakness = secretWeakness(secret);
    if (!weakness) return;
    throw new CliError(`${displayPath(app.file)}: ${weakSecretMessage(weakness)}`);
  }
  throw new CliError(
    `${displayPath(app.file)} registers an auth callback but EDGELIT_AUTH_SECRET is not set: ` +
      `add it to ${displayPath(app.devVars ?? `${app.dir}/.dev.vars`)} or the environment ` +
      `(make one with "npx edgelit create-secret")`,
  );
}
