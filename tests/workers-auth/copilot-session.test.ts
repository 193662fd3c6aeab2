/**
 * The app's side of the host page, on the real session object: cl.context.clientType,
 * cl.CopilotFunction (answered, failed, timed out by the alarm, oversized, refused outside the
 * widget or with no widget connected) and window messages both ways, size-capped and rate
 * limited.
 */
import { SELF } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hooks } from "../../durable-objects/sdk/hooks.js";
import * as cl from "../../durable-objects/sdk/index.js";
import { Client } from "../workers/harness.js";
import { copilotSession, copilotToken, installHostAuth, openCopilot } from "./copilot-helpers.js";
import { ORIGIN } from "./helpers.js";

installHostAuth();

const saved = { ...hooks };
beforeAll(() => {
  hooks.chatStart = async () => {
    await new cl.Message(`client: ${cl.context.clientType}`).send();
  };
  hooks.message = async (message) => {
    const [name, timeout] = message.content.split(" ");
    try {
      const result = await new cl.CopilotFunction({
        name: name ?? "",
        args: { a: 2, b: 3 },
        timeout: Number(timeout ?? 5),
      }).call();
      await new cl.Message(`result: ${JSON.stringify(result)}`).send();
    } catch (err) {
      const kind = err instanceof cl.CopilotFunctionError ? "CopilotFunctionError" : "other";
      await new cl.Message(`${kind}: ${err instanceof Error ? err.message : err}`).send();
    }
  };
  hooks.windowMessage = async (data) => {
    await new cl.Message(`page said ${JSON.stringify(data)}`).send();
    await cl.sendWindowMessage({ echo: data });
  };
});
afterAll(() => {
  for (const key of ["chatStart", "message", "windowMessage"] as const) delete hooks[key];
  Object.assign(hooks, saved);
});

async function widget(name = "bob"): Promise<Client> {
  const token = await copilotToken(name);
  const { sessionId } = await (await copilotSession(token)).json<{ sessionId: string }>();
  const client = await openCopilot(sessionId, token);
  await client.next((f) => f.type === "step" && f.step.output.startsWith("client: "), 5000, true);
  return client;
}

const said = (client: Client, prefix: string) =>
  client.next((f) => f.type === "step" && f.step.output.startsWith(prefix), 8000, true);

describe("cl.context.clientType", () => {
  it('is "copilot" in the widget and "webapp" in the web app', async () => {
    const client = await widget();
    expect(
      client.frames.some((f) => f.type === "step" && f.step.output === "client: copilot"),
    ).toBe(true);
    client.close();
    const res = await SELF.fetch(`${ORIGIN}/api/sessions`, {
      method: "POST",
      headers: { authorization: "Bearer host-bob" },
    });
    const { sessionId } = await res.json<{ sessionId: string }>();
    const web = await Client.open(
      sessionId,
      { cookie: "" },
      {},
      { authorization: "Bearer host-bob" },
    );
    await said(web, "client: webapp");
    // The web app has no host page: a host function is refused with a clear error.
    web.send({ type: "message", id: "w1", content: "add" });
    const refused = await said(web, "CopilotFunctionError");
    expect(refused.type === "step" && refused.step.output).toMatch(/runs in the webapp/);
    web.close();
  });
});

describe("cl.CopilotFunction", () => {
  it("runs the host page's function and returns its result", async () => {
    const client = await widget();
    client.send({ type: "message", id: "m1", content: "add" });
    const call = await client.next((f) => f.type === "call_fn");
    expect(call).toMatchObject({ type: "call_fn", name: "add", args: { a: 2, b: 3 } });
    if (call.type !== "call_fn") throw new Error("unreachable");
    client.send({ type: "call_fn_result", id: call.id, result: { sum: 5 } });
    await said(client, 'result: {"sum":5}');
    // Answering again (or a made-up id) is refused, and runs nothing.
    client.send({ type: "call_fn_result", id: call.id, result: 6 });
    const stale = await client.next((f) => f.type === "error");
    expect(stale).toMatchObject({ code: "not_found", frame: "call_fn_result" });
    client.close();
  });

  it("reports the host's error, an oversized result, and a timeout (by the alarm)", async () => {
    // Three messages: the fixture allows three a minute per user.
    const client = await widget("ada");
    client.send({ type: "message", id: "m1", content: "fail" });
    const call1 = await client.next((f) => f.type === "call_fn");
    if (call1.type !== "call_fn") throw new Error("unreachable");
    client.send({ type: "call_fn_result", id: call1.id, error: "no function named fail" });
    await said(client, 'CopilotFunctionError: host function "fail" failed: no function named fail');

    client.send({ type: "message", id: "m2", content: "big" });
    const call2 = await client.next((f) => f.type === "call_fn");
    if (call2.type !== "call_fn") throw new Error("unreachable");
    client.send({ type: "call_fn_result", id: call2.id, result: "x".repeat(70_000) });
    await said(client, 'CopilotFunctionError: the result of "big" is 70002 bytes');

    client.send({ type: "message", id: "m3", content: "slow 1" });
    await client.next((f) => f.type === "call_fn");
    const started = Date.now();
    await said(client, 'CopilotFunctionError: the host page did not answer "slow" within 1 s');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    client.close();
  });
});

describe("window messages", () => {
  it("runs cl.onWindowMessage for the page's message and posts the app's back", async () => {
    const client = await widget();
    client.send({ type: "window_message", data: { page: "pricing", n: 1 } });
    await said(client, 'page said {"page":"pricing","n":1}');
    const back = await client.next((f) => f.type === "window_message", 5000, true);
    expect(back).toEqual({ type: "window_message", data: { echo: { page: "pricing", n: 1 } } });
    client.send({ type: "window_message", data: "y".repeat(70_000) });
    const big = await client.next((f) => f.type === "error");
    expect(big).toMatchObject({ code: "too_large", frame: "window_message" });
    client.close();
  });

  it("is rate limited like every frame that runs app code", async () => {
    const client = await widget("carol");
    for (let i = 0; i < 70; i++) client.send({ type: "window_message", data: i });
    const limited = await client.next(
      (f) => f.type === "error" && f.code === "rate_limited",
      15_000,
      true,
    );
    expect(limited).toMatchObject({ frame: "window_message" });
    client.close();
  });
});
