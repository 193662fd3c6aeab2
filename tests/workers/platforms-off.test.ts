import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { installHooks, newChat } from "./harness.js";

describe("chat platforms seen from a web-only deployment", () => {
  it("have no routes without their secrets: 404 for Slack, Discord and Teams", async () => {
    for (const path of ["/slack/events", "/discord/interactions", "/teams/messages"]) {
      const res = await SELF.fetch(`http://edgelit.test${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "url_verification", challenge: "x" }),
      });
      expect([path, res.status]).toEqual([path, 404]);
    }
  });

  it("leave a web session's clientType webapp, and cannot take a web session over", async () => {
    const seen: string[] = [];
    installHooks({ chatStart: () => void seen.push(cl.context.clientType) });
    const { id, client } = await newChat();
    await client.idle();
    expect(seen).toEqual(["webapp"]);
    const stub = env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(id));
    const owner = await stub.owner();
    const taken = await stub.platformTurn(id, {
      platform: "slack",
      messageId: "m1",
      user: { identifier: "slack:T1:U1" },
      text: "mine now",
      target: { platform: "slack", channel: "C1", threadTs: "1.1" },
    });
    expect(taken).toMatchObject({ ok: false, status: 409 });
    expect(await stub.owner()).toBe(owner);
    expect(owner).toMatch(/^visitor:/);
    client.close();
  });
});
