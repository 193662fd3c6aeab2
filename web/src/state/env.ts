/** `[project] user_env` values: kept in this browser's localStorage, sent in `hello.env`. */
import { isStringRecord, readStored, writeStored } from "./storage";

const ENV_KEY = "edgelit.env";

export function readEnv(): Record<string, string> {
  return readStored(ENV_KEY, {}, isStringRecord);
}

export function writeEnv(values: Record<string, string>): void {
  writeStored(ENV_KEY, values);
}

export function missingEnvKeys(keys: string[]): string[] {
  const stored = readEnv();
  return keys.filter((k) => !stored[k]);
}
