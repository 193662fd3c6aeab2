/**
 * Options given after the app file go to wrangler unchanged, except that path values are made
 * absolute: wrangler resolves them against the config's folder (the state directory), while
 * the user wrote them relative to where they stand.
 */
import { resolve } from "node:path";

/** wrangler options whose value is a path. */
const pathOptions = new Set([
  "--outdir",
  "--outfile",
  "--metafile",
  "--assets",
  "--tsconfig",
  "--env-file",
  "--secrets-file",
]);

/**
 * @example
 * absolutePathOptions(["--dry-run", "--outdir", "dist"], "/home/me"); // [..., "/home/me/dist"]
 */
export function absolutePathOptions(args: string[], cwd = process.cwd()): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!pathOptions.has(name)) {
      out.push(arg);
    } else if (eq > 0) {
      out.push(`${name}=${resolve(cwd, arg.slice(eq + 1))}`);
    } else {
      const value = args[i + 1];
      // `--metafile` may stand alone; any following option is not its value.
      if (value === undefined || value.startsWith("-")) {
        out.push(arg);
      } else {
        out.push(arg, resolve(cwd, value));
        i++;
      }
    }
  }
  return out;
}
