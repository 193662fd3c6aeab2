import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { socketState } from "../../durable-objects/session/sockets.js";
import { Client, newSession, type Visitor } from "../workers/harness.js";
import { login } from "./helpers.js";

// The fixture's config: 3 messages per minute per user, 5 per client IP.

async function open(user: Visitor, ip?: string) {
  const id = await newSession(user);
  return Client.open(id, user, {}, ip ? { "CF-Connecting-IP": ip } : {});
}

/** Sends a message; resolves to its echo or to the error frame that refused it. */
async function say(client: Client, text: string) {
  client.send({ type: "message", id: crypto.randomUUID(), content: text });
  return client.next(
    (f) => (f.type === "step" && f.step.output === `echo: ${text}`) || f.type === "error",
  );
}

/** Moves a limiter's log a minute into the past, as if the window had passed. */
async function ageLimiter(key: string) {
  const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(key));
  await runInDurableObject(stub, (_instance, state) => {
    state.storage.sql.exec("UPDATE hits SET at = at - 60000");
  });
}

describe("message rate limits", () => {
  it("refuses the user's 4th message in a minute with a slow-down error, then recovers", async () => {
    const ada = await login("ada");
    const client = await open(ada);
    for (const text of ["one", "two", "three"]) {
      expect(await say(client, text)).toMatchObject({ type: "step" });
    }
    const refused = await say(client, "four");
    expect(refused).toMatchObject({ type: "error", code: "rate_limited" });
    expect(refused.type === "error" && refused.message).toMatch(/slow down/i);
    // A second session of the same user shares the limit.
    const other = await open(ada);
    expect(await say(other, "elsewhere")).toMatchObject({ type: "error", code: "rate_limited" });
    // The session keeps working: other frames still answer.
    client.send({ type: "ping" });
    await client.next((f) => f.type === "pong");
    await ageLimiter("user:ada");
    expect(await say(client, "five")).toMatchObject({ type: "step" });
    client.close();
    other.close();
  });

  it("limits messages per client IP across users", async () => {
    const ip = "198.51.100.9";
    const bob = await open(await login("bob"), ip);
    const carol = await open(await login("carol"), ip);
    for (const text of ["b1", "b2", "b3"])
      expect(await say(bob, text)).toMatchObject({ type: "step" });
    for (const text of ["c1", "c2"]) expect(await say(carol, text)).toMatchObject({ type: "step" });
    expect(await say(carol, "c3")).toMatchObject({ type: "error", code: "rate_limited" });
    // Same user, another address: only the user's own budget counts.
    const elsewhere = await open(await login("carol"), "198.51.100.10");
    expect(await say(elsewhere, "c4")).toMatchObject({ type: "step" });
    await ageLimiter(`ip:${ip}`);
    expect(await say(carol, "c5")).toMatchObject({ type: "error", code: "rate_limited" });
    await ageLimiter("user:carol");
    expect(await say(carol, "c6")).toMatchObject({ type: "step" });
    for (const c of [bob, carol, elsewhere]) c.close();
  });

  it("takes the IP from CF-Connecting-IP only, never from a client's x-edgelit-* header", async () => {
    const ada = await login("ada");
    const id = await newSession(ada);
    const client = await Client.open(id, ada, {}, { "x-edgelit-client-ip": "192.0.2.1" });
    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(id));
    const ips = await runInDurableObject(stub, (_instance, state) =>
      state.getWebSockets().map((ws) => socketState(ws).ip ?? null),
    );
    expect(ips).not.toContain("192.0.2.1");
    client.close();
  });
});
