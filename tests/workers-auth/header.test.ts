import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client } from "../workers/harness.js";
import { config, ORIGIN } from "./helpers.js";

describe("header login", () => {
  it("takes the user the header callback finds, on every request, with no cookie", async () => {
    const body = await config({ "x-test-user": "bob" });
    expect(body.user).toMatchObject({ identifier: "header:bob", anonymous: false });
    const res = await SELF.fetch(`${ORIGIN}/api/sessions`, {
      method: "POST",
      headers: { "x-test-user": "bob" },
    });
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("refuses headers the callback does not accept", async () => {
    expect((await config({ "x-test-user": "mallory" })).user).toBeNull();
    const res = await SELF.fetch(`${ORIGIN}/api/sessions`, {
      method: "POST",
      headers: { "x-test-user": "mallory" },
    });
    expect(res.status).toBe(401);
  });

  it("opens the user's own session over WebSocket and refuses it to another user", async () => {
    const bob = { cookie: "" };
    const sessionRes = await SELF.fetch(`${ORIGIN}/api/sessions`, {
      method: "POST",
      headers: { "x-test-user": "bob" },
    });
    const { sessionId } = await sessionRes.json<{ sessionId: string }>();
    const client = await Client.open(sessionId, bob, {}, { "x-test-user": "bob" });
    client.send({ type: "message", id: "m1", content: "hi" });
    await client.next((f) => f.type === "step" && f.step.output === "echo: hi");
    client.close();
    await expect(Client.open(sessionId, bob, {}, { "x-test-user": "carol" })).rejects.toThrow(
      /upgrade refused: 404/,
    );
  });
});
