/** The shape of a CLI command, and the option parsing they share. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { usageError } from "./errors.js";

export interface Command {
  name: string;
  /** The full text of `edgelit <name> --help`. */
  help: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** `parseArgs` with errors turned into usage errors (exit 2). */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: T,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw usageError((err as Error).message);
  }
}

/** A TCP port option. */
export function parsePort(raw: string | undefined, fallback: number, flag = "--port"): number {
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw usageError(`${flag} must be a number from 1 to 65535, got "${raw}"`);
  }
  return port;
}
