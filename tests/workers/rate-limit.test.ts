import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ClientConfig } from "../../protocol/api.js";
import { Client, installHooks, newSession, newVisitor } from "./harness.js";

describe("message rate limit in public mode", () => {
  it("refuses an anonymous visitor's 31st message in a minute, then recovers", async () => {
    installHooks({ message: () => {} });
    const visitor = await newVisitor();
    const config = await SELF.fetch("http://edgelit.test/api/config", {
      headers: { cookie: visitor.cookie },
    });
    const { user } = await config.json<ClientConfig>();
    const client = await Client.open(await newSession(visitor), visitor);
    const send = (id: string) => {
      client.send({ type: "message", id, content: id });
      return client.next((f) => (f.type === "step" && f.step.output === id) || f.type === "error");
    };
    for (let i = 0; i < 30; i++) expect(await send(`m${i}`)).toMatchObject({ type: "step" });
    const refused = await send("m30");
    expect(refused).toMatchObject({ type: "error", code: "rate_limited" });
    expect(refused.type === "error" && refused.message).toMatch(/slow down/i);
    const limiter = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`user:${user?.identifier}`));
    await runInDurableObject(limiter, (_instance, state) => {
      state.storage.sql.exec("UPDATE hits SET at = at - 60000");
    });
    expect(await send("m31")).toMatchObject({ type: "step" });
    client.close();
  });
});
