/** `edgelit create-secret`: a fresh value for EDGELIT_AUTH_SECRET. */
import { randomBytes } from "node:crypto";
import type { Command } from "../command.js";
import { usageError } from "../errors.js";

/** 32 random bytes, base64url: 256 bits for signing session tokens. */
export function makeSecret(): string {
  return randomBytes(32).toString("base64url");
}

export const createSecret: Command = {
  name: "create-secret",
  help: `Usage: edgelit create-secret

Prints a fresh random secret (32 bytes, base64url) for EDGELIT_AUTH_SECRET, e.g.
  echo "EDGELIT_AUTH_SECRET=$(npx edgelit create-secret)" >> .dev.vars`,

  async run(argv) {
    if (argv.includes("-h") || argv.includes("--help")) {
      console.log(this.help);
      return 0;
    }
    if (argv.length > 0) throw usageError(`create-secret takes no arguments, got "${argv[0]}"`);
    console.log(makeSecret());
    return 0;
  },
};
