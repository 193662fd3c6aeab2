import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index.js";
import { ORIGIN } from "./helpers.js";

/** The Worker as deployed without EDGELIT_AUTH_SECRET. */
async function withoutSecret(path: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${ORIGIN}${path}`, init),
    { ...env, EDGELIT_AUTH_SECRET: undefined },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

afterEach(() => vi.restoreAllMocks());

describe("missing EDGELIT_AUTH_SECRET", () => {
  it("answers 500 naming the variable on every route but /health, and logs it once", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const routes: [string, RequestInit?][] = [
      ["/api/config"],
      ["/api/sessions", { method: "POST" }],
      ["/auth/login", { method: "POST", body: "{}" }],
      ["/auth/oauth/generic"],
      [`/ws/${crypto.randomUUID()}`, { headers: { Upgrade: "websocket" } }],
    ];
    for (const [path, init] of routes) {
      const res = await withoutSecret(path, init);
      expect(res.status, path).toBe(500);
      expect(((await res.json()) as { error: string }).error).toMatch(/EDGELIT_AUTH_SECRET/);
    }
    expect((await withoutSecret("/health")).status).toBe(200);
    const logged = log.mock.calls.filter((c) => String(c[0]).includes("EDGELIT_AUTH_SECRET"));
    expect(logged).toHaveLength(1);
  });
});
