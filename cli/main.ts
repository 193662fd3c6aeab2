/**
 * The `edgelit` command line: dispatch to a command, print a CliError as one message and turn
 * it into the exit code. Anything else is a bug and keeps its stack.
 */

import type { Command } from "./command.js";
import { createSecret } from "./commands/create-secret.js";
import { deploy } from "./commands/deploy.js";
import { run } from "./commands/run.js";
import { CliError, usageError } from "./errors.js";

const commands: Command[] = [run, deploy, createSecret];

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return `Usage: edgelit <command> [options]

Chainlit-style chat apps on Cloudflare Workers.

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join("\n")}

Run "edgelit <command> --help" for a command's options.`;
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === "-h" || name === "--help" || name === "help") {
      const topic = name === "help" ? commands.find((c) => c.name === rest[0]) : undefined;
      console.log(topic ? topic.help : mainHelp());
      return 0;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) throw usageError(`unknown command "${name}"`);
    return await command.run(rest);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    console.error(`edgelit: ${err.message}`);
    return err.exitCode;
  }
}
