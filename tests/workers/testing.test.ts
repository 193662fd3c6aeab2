/** `edgelit/testing` drives an app's hooks the way a browser would, and reports what it saw. */
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { openChat } from "../../testing/index.js";
import { installHooks } from "./harness.js";

describe("edgelit/testing", () => {
  it("opens a chat, sends a message, clicks an action, answers an ask, reads the session", async () => {
    const actions = new Map([
      [
        "more",
        async (action: cl.Action) => {
          const res = await new cl.AskUserMessage({ content: "How many?", timeout: 30 }).send();
          cl.userSession.set("count", Number(res?.output));
          await new cl.Message(`${action.payload.what} x${res?.output}`).send();
        },
      ],
    ]);
    installHooks({
      chatStart: async () => {
        cl.userSession.set("started", true);
        await new cl.Message("Welcome").send();
      },
      message: async (m) => {
        await cl.withStep({ name: "lookup", type: "tool" }, async (step) => {
          step.output = `looked up ${m.content}`;
        });
        const answer = new cl.Message({
          content: "",
          actions: [new cl.Action({ name: "more", payload: { what: m.content }, label: "More" })],
        });
        for (const token of ["you ", "said ", m.content]) await answer.streamToken(token);
        await answer.send();
      },
      actions,
    });

    const chat = await openChat();
    expect(chat.messages().map((m) => m.output)).toEqual(["Welcome"]);
    expect(await chat.userSession("started")).toBe(true);

    const turn = await chat.send("tea");
    expect(turn.steps.map((s) => `${s.type}:${s.output}`)).toEqual([
      "user_message:tea",
      "tool:looked up tea",
      "assistant_message:you said tea",
    ]);
    expect(turn.steps[1]?.name).toBe("lookup");
    expect(turn.messages.at(-1)?.actions.map((a) => a.label)).toEqual(["More"]);

    const clicked = await chat.clickAction("more");
    expect(clicked.messages.map((m) => m.output)).toEqual(["How many?"]);
    expect(chat.pendingAsk()?.kind).toBe("text");

    const answered = await chat.answer("3");
    expect(answered.messages.map((m) => m.output)).toEqual(["3", "tea x3"]);
    expect(chat.pendingAsk()).toBeNull();
    expect(await chat.userSession("count")).toBe(3);
    expect(await chat.userSession("nothing")).toBeUndefined();
    chat.close();
  });

  it("fails clearly for a button that is not shown and for an answer nobody asked for", async () => {
    installHooks({ message: async (m) => void (await new cl.Message(m.content).send()) });
    const chat = await openChat({ timeoutMs: 3000 });
    await chat.send("x");
    await expect(chat.clickAction("nope")).rejects.toThrow(/no action button "nope" is shown/);
    await expect(chat.answer("y")).rejects.toThrow(/no AskUserMessage is waiting/);
  });

  it("reports an error message from a failing hook as a message of the turn", async () => {
    installHooks({
      message: () => {
        throw new Error("kaput");
      },
    });
    const chat = await openChat();
    const turn = await chat.send("x");
    expect(turn.messages.at(-1)).toMatchObject({ name: "Error", output: "kaput" });
  });
});
