#!/usr/bin/env node
/**
 * `npm test`: type-check, lint, then every Vitest project (unit, cli, workers, workers-auth,
 * workers-platforms, e2e).
 * The browser end-to-end tests need Chromium; without it this says so plainly and fails,
 * because a skipped test is not a passing one. (EDGELIT_SKIP_BROWSER=1 runs the rest on a
 * machine that cannot have a browser, and still says loudly what did not run.)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const chromium = process.env.EDGELIT_CHROMIUM ?? "/usr/bin/chromium";
const skipBrowser = process.env.EDGELIT_SKIP_BROWSER === "1";
const extraArgs = process.argv.slice(2);

function run(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\n✘ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(chromium) && !skipBrowser) {
  console.error(
    [
      "",
      `✘ The browser end-to-end tests need Chromium at ${chromium}, and it is not there.`,
      "  On Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium",
      "  (or point EDGELIT_CHROMIUM at a Chromium binary). `.ci/run` installs it for you.",
      "",
    ].join("\n"),
  );
  process.exit(1);
}

run("web build", "npm", ["run", "--silent", "build:web"]);
run("type-check", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]);
if (existsSync(join(root, "web/tsconfig.json"))) {
  run("type-check web", "npx", ["tsc", "-p", "web/tsconfig.json", "--noEmit"]);
}
run("type-check cli", "npx", ["tsc", "-p", "cli/tsconfig.json", "--noEmit"]);
run("lint", "npx", ["biome", "check", "."]);

mkdirSync(join(root, "tests/artifacts"), { recursive: true });

// One Vitest run per project, in order: cheap suites first, the browser last, so a 2-core
// machine is never running workerd pools and Chromium against each other.
// `reliability` runs short here (fuzz, forced disconnects, soak, amplification); at full scale
// it is `npm run test:reliability`.
const projects = [
  "unit",
  "cli",
  "kit",
  "workers",
  "workers-auth",
  "workers-platforms",
  "reliability",
  ...(skipBrowser ? [] : ["e2e"]),
];
let passed = 0;
let failed = 0;
let status = 0;
for (const project of projects) {
  const results = join(root, `tests/artifacts/vitest-${project}.json`);
  console.log(`\n▶ tests: ${project}`);
  const run = spawnSync(
    "npx",
    [
      "vitest",
      "run",
      "--project",
      project,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${results}`,
      ...(extraArgs.length ? ["--passWithNoTests", ...extraArgs] : []),
    ],
    { cwd: root, stdio: "inherit", env: process.env },
  );
  if (run.status !== 0) status = run.status ?? 1;
  try {
    const json = JSON.parse(readFileSync(results, "utf8"));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
  } catch {
    failed += 1;
    console.error(`✘ tests: ${project} produced no results`);
  }
}

if (skipBrowser) {
  console.error("\n⚠ EDGELIT_SKIP_BROWSER=1: the browser end-to-end tests did NOT run.");
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status);
