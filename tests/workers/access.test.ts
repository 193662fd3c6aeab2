import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newSession, newVisitor } from "./harness.js";

const upgrade = (id: string, headers: Record<string, string>) =>
  SELF.fetch(`http://edgelit.test/ws/${id}`, { headers: { Upgrade: "websocket", ...headers } });

describe("session access", () => {
  it("refuses another visitor's session and made-up ids with 404", async () => {
    const owner = await newVisitor();
    const other = await newVisitor();
    const id = await newSession(owner);
    const theirs = await upgrade(id, { cookie: other.cookie });
    expect(theirs.status).toBe(404);
    const madeUp = await upgrade(crypto.randomUUID(), { cookie: owner.cookie });
    expect(madeUp.status).toBe(404);
    const junk = await upgrade("../../etc", { cookie: owner.cookie });
    expect(junk.status).toBe(404);
    const mine = await upgrade(id, { cookie: owner.cookie });
    expect(mine.status).toBe(101);
    mine.webSocket?.accept();
    mine.webSocket?.close();
  });

  it("refuses a cross-origin upgrade and accepts the same origin", async () => {
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    const cross = await upgrade(id, { cookie: visitor.cookie, Origin: "https://evil.example" });
    expect(cross.status).toBe(403);
    const same = await upgrade(id, { cookie: visitor.cookie, Origin: "http://edgelit.test" });
    expect(same.status).toBe(101);
    same.webSocket?.accept();
    same.webSocket?.close();
  });

  it("answers /health", async () => {
    const res = await SELF.fetch("http://edgelit.test/health");
    expect([res.status, await res.json()]).toEqual([200, { status: "ok" }]);
  });
});
