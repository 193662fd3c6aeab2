import { openChat } from "edgelit/testing";
import { describe, expect, it } from "vitest";

describe("the assistant", () => {
  it("shows its step, streams an answer and counts the turns", async () => {
    const chat = await openChat();
    const turn = await chat.send("What is a Durable Object?");

    const step = turn.steps.find((s) => s.name === "Choose a model");
    expect(step?.output).toBe("Demo model (offline)");
    expect(turn.messages.at(-1)?.output).toContain(
      "You asked:\n\n```text\nWhat is a Durable Object?\n```",
    );
    expect(await chat.userSession("turns")).toBe(1);
  });
});
