import { secretWeakness, weakSecretMessage } from "../../protocol/auth-secret.js";

/**
 * Auth settings read from the Worker's environment. OAuth variables are open-ended
 * (`OAUTH_<PROVIDER>_*`), so they are read by name rather than declared one by one.
 */
export const SECRET_VAR = "EDGELIT_AUTH_SECRET";

/** A string variable of the environment, or undefined when unset or empty. */
export function envString(env: Env, name: string): string | undefined {
  const value: unknown = Reflect.get(env, name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** Thrown when login is on but the signing secret is missing. */
export class MissingSecretError extends Error {
  override name = "MissingSecretError";
  constructor() {
    super(
      `${SECRET_VAR} is not set: this app registers an auth callback, so it needs a signing ` +
        `secret (make one with "npx edgelit create-secret" and add it to .dev.vars or the ` +
        `Worker's secrets)`,
    );
  }
}

/** Thrown when login is on but the signing secret could be guessed. */
export class WeakSecretError extends Error {
  override name = "WeakSecretError";
  constructor(weakness: string) {
    super(weakSecretMessage(weakness));
  }
}

/** Why the environment's secret cannot sign logins (unset or weak), or null. */
export function secretError(env: Env): MissingSecretError | WeakSecretError | null {
  const secret = envString(env, SECRET_VAR);
  if (!secret) return new MissingSecretError();
  const weakness = secretWeakness(secret);
  return weakness ? new WeakSecretError(weakness) : null;
}

/** The signing secret. @throws MissingSecretError when unset, WeakSecretError when weak. */
export function authSecret(env: Env): string {
  const problem = secretError(env);
  if (problem) throw problem;
  return envString(env, SECRET_VAR) ?? "";
}
