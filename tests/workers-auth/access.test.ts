import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, newSession } from "../workers/harness.js";
import { login, ORIGIN, upgrade } from "./helpers.js";

describe("access control with login on", () => {
  it("refuses another user's session over WebSocket, even with a forged user header", async () => {
    const ada = await login("ada");
    const bob = await login("bob");
    const id = await newSession(ada);
    const theirs = await upgrade(id, { cookie: bob.cookie });
    expect(theirs.status).toBe(404);
    const forged = await upgrade(id, {
      cookie: bob.cookie,
      "x-edgelit-user": JSON.stringify({ identifier: "ada" }),
    });
    expect(forged.status).toBe(404);
    const signedOut = await upgrade(id, {});
    expect(signedOut.status).toBe(401);
    const mine = await upgrade(id, { cookie: ada.cookie });
    expect(mine.status).toBe(101);
    mine.webSocket?.accept();
    mine.webSocket?.close();
  });

  it("refuses another user's session files and thread over REST", async () => {
    const ada = await login("ada");
    const bob = await login("bob");
    const id = await newSession(ada);
    const client = await Client.open(id, ada);
    client.send({ type: "message", id: "m1", content: "private" });
    await client.next((f) => f.type === "step" && f.step.output === "echo: private");
    client.close();
    const element = await SELF.fetch(
      `${ORIGIN}/api/sessions/${id}/elements/${crypto.randomUUID()}`,
      { headers: { cookie: bob.cookie } },
    );
    expect(element.status).toBe(404);
    // The thread is readable by its owner (once persisted) and by no one else.
    let own = 0;
    for (let i = 0; i < 40 && own !== 200; i++) {
      const res = await SELF.fetch(`${ORIGIN}/api/threads/${id}`, {
        headers: { cookie: ada.cookie },
      });
      own = res.status;
      await res.arrayBuffer();
      if (own !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(own).toBe(200);
    for (const headers of [{ cookie: bob.cookie }, {}] as Record<string, string>[]) {
      const res = await SELF.fetch(`${ORIGIN}/api/threads/${id}`, { headers });
      expect(res.status).not.toBe(200);
      await res.arrayBuffer();
    }
    const list = await SELF.fetch(`${ORIGIN}/api/threads`, { headers: { cookie: bob.cookie } });
    expect(JSON.stringify(await list.json())).not.toContain(id);
  });

  it("refuses a cross-origin WebSocket; accepts the same origin and allow_origins", async () => {
    const ada = await login("ada");
    const id = await newSession(ada);
    const cross = await upgrade(id, { cookie: ada.cookie, Origin: "https://evil.example" });
    expect(cross.status).toBe(403);
    for (const origin of [ORIGIN, "https://allowed.example"]) {
      const ok = await upgrade(id, { cookie: ada.cookie, Origin: origin });
      expect(ok.status, origin).toBe(101);
      ok.webSocket?.accept();
      ok.webSocket?.close();
    }
  });

  it("gives the session the signed-in user as cl.User", async () => {
    const carol = await login("carol");
    const id = await newSession(carol);
    const client = await Client.open(id, carol);
    client.send({ type: "message", id: "m1", content: "who" });
    const step = await client.next((f) => f.type === "step" && f.step.type === "user_message");
    expect(step.type === "step" && step.step.name).toBe("CAROL");
    client.close();
  });
});
