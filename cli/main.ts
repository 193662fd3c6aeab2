/**
 * The `edgelit` command line: dispatch to a command, print a CliError as one message and turn
 * it into the exit code. Anything else is a bug and keeps its stack.
 */
import type { Command } from "./command.js";
import { CliError, usageError } from "./errors.js";

/** The commands, loaded on use so `--help` and `create-secret` start fast. */
const commands: { name: string; summary: string; load: () => Promise<Command> }[] = [
  {
    name: "run",
    summary: "run an app locally (local D1 and R2, web UI)",
    load: async () => (await import("./commands/run.js")).run,
  },
  {
    name: "deploy",
    summary: "deploy an app with wrangler deploy",
    load: async () => (await import("./commands/deploy.js")).deploy,
  },
  {
    name: "init",
    summary: "create a new project (same as npm create edgelit@latest)",
    load: async () => (await import("./commands/init.js")).init,
  },
  {
    name: "build",
    summary: "copy the web UI and public/ into .edgelit/assets (wrangler's build step)",
    load: async () => (await import("./commands/build.js")).build,
  },
  {
    name: "create-secret",
    summary: "print a fresh random EDGELIT_AUTH_SECRET",
    load: async () => (await import("./commands/create-secret.js")).createSecret,
  },
];

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
      console.log(topic ? (await topic.load()).help : mainHelp());
      return 0;
    }
    const entry = commands.find((c) => c.name === name);
    if (!entry) throw usageError(`unknown command "${name}"`);
    return await (await entry.load()).run(rest);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    console.error(`edgelit: ${err.message}`);
    return err.exitCode;
  }
}
