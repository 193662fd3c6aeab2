/**
 * The one exception of the CLI: a message for the user and the exit code it stands for.
 * `main` prints the message alone (no stack) and exits with the code.
 */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    /** 1 for a bad app or a failed step, 2 for a bad command line. */
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A command line the CLI cannot understand (exit code 2). */
export function usageError(message: string): CliError {
  return new CliError(`${message}\nRun "edgelit --help" for usage.`, 2);
}
