/**
 * A guessable EDGELIT_AUTH_SECRET lets anyone who has one cookie crack it offline and forge an
 * admin's: `edgelit run` refuses it before starting, with the way out, and accepts what
 * `edgelit create-secret` prints.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeSecret } from "../../cli/commands/create-secret.js";
import { secretWeakness } from "../../protocol/auth-secret.js";
import { makeApp, runCli } from "./helpers.js";

const made: { cleanup(): void }[] = [];
afterAll(() => {
  for (const app of made) app.cleanup();
});

const WEAK = [
  "changeme",
  "s",
  "workers-auth-test-secret-0123456789abcdef", // 41 characters
  "a".repeat(64),
  "abc".repeat(20),
  "0123456789abcdef".repeat(2), // 32 hex digits: 16 bytes
  "ab".repeat(40),
];

describe("secret strength", () => {
  it("refuses words, short strings and patterns", () => {
    for (const secret of WEAK) expect(secretWeakness(secret), secret).not.toBeNull();
  });

  it("accepts every secret create-secret makes, and 64 random hex digits", () => {
    for (let i = 0; i < 2000; i++) expect(secretWeakness(makeSecret())).toBeNull();
    const hex = [...crypto.getRandomValues(new Uint8Array(32))]
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("");
    expect(secretWeakness(hex)).toBeNull();
  });

  it("stops `edgelit run` of an auth app with a weak secret, naming the problem and the fix", async () => {
    const app = makeApp({
      "app.ts": `import * as cl from "edgelit";\ncl.passwordAuthCallback(() => null);\n`,
      ".dev.vars": "EDGELIT_AUTH_SECRET=changeme\n",
    });
    made.push(app);
    const r = await runCli(["run", join(app.dir, "app.ts")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /app\.ts: EDGELIT_AUTH_SECRET is too weak \(it has 8 characters; at least 43 are needed\)/,
    );
    expect(r.stderr).toMatch(/npx edgelit create-secret/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
