/**
 * Issue 15, `cl.setCommands` and `cl.setModes`: the lists live in the session (a fresh client
 * gets them in its snapshot), a message's command and modes reach `onMessage` and the stored
 * user step, and a client cannot send a command or a mode option the app never offered.
 */
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { Client, installHooks, newChat } from "./harness.js";

const COMMANDS: cl.CommandOptions[] = [
  { id: "search", description: "Search the web", icon: "🔎", button: true },
  { id: "picture", description: "Draw a picture", persistent: true },
];
const MODES: cl.ModeOptions[] = [
  {
    id: "model",
    name: "Model",
    options: [
      { id: "fast", name: "Fast" },
      { id: "smart", name: "Smart", default: true },
    ],
  },
  {
    id: "effort",
    name: "Effort",
    options: [
      { id: "low", name: "Low" },
      { id: "high", name: "High" },
    ],
  },
];

type Seen = { content: string; command?: string; modes?: Record<string, string> };

function app(seen: Seen[]) {
  installHooks({
    chatStart: async () => {
      await cl.setCommands(COMMANDS);
      await cl.setModes(MODES);
    },
    message: async (m) => {
      seen.push({ content: m.content, command: m.command, modes: m.modes });
      await new cl.Message(`got ${m.command ?? "-"}`).send();
    },
  });
}

async function snapshotOf(c: Client) {
  const frame = await c.next((f) => f.type === "snapshot", 5000, true);
  if (frame.type !== "snapshot") throw new Error("no snapshot");
  return frame;
}

describe("commands and modes", () => {
  it("reach onMessage and the stored step, and come back in a snapshot", async () => {
    const seen: Seen[] = [];
    app(seen);
    const { visitor, id, client: a } = await newChat();
    await a.idle();
    a.send({ type: "message", id: "m1", content: "cats", command: "search" });
    await a.idle();
    a.send({ type: "message", id: "m2", content: "dogs", modes: { effort: "high" } });
    await a.idle();
    expect(seen).toEqual([
      { content: "cats", command: "search", modes: { model: "smart", effort: "low" } },
      { content: "dogs", command: undefined, modes: { model: "smart", effort: "high" } },
    ]);
    // A reload: the lists, the remembered choice and the message's command are all there.
    const b = await Client.open(id, visitor);
    const snap = (await snapshotOf(b)).snapshot;
    expect(snap?.commands?.map((c) => c.id)).toEqual(["search", "picture"]);
    expect(snap?.modes?.values).toEqual({ model: "smart", effort: "high" });
    const user = snap?.steps.find((s) => s.output === "cats");
    expect(user?.metadata?.command).toBe("search");
    a.close();
    b.close();
  });

  it("refuses a forged command or mode option and runs nothing", async () => {
    const seen: Seen[] = [];
    app(seen);
    const { visitor, id, client: a } = await newChat();
    await a.idle();
    const forgeries: { command?: string; modes?: Record<string, string> }[] = [
      { command: "rm-rf" },
      { modes: { model: "gpt-9" } },
      { modes: { temperature: "hot" } },
    ];
    for (const [i, forged] of forgeries.entries()) {
      a.send({ type: "message", id: `f${i}`, content: "x", ...forged });
      const refusal = await a.next((f) => f.type === "error");
      expect(refusal).toMatchObject({ code: "bad_frame", frame: "message" });
    }
    a.send({ type: "message", id: "ok", content: "fine", command: "picture" });
    await a.idle();
    expect(seen.map((s) => s.content)).toEqual(["fine"]);
    // No user step was stored for a refused message.
    const b = await Client.open(id, visitor);
    expect(
      (await snapshotOf(b)).snapshot.steps.filter((s) => s.type === "user_message"),
    ).toHaveLength(1);
    a.close();
    b.close();
  });

  it("refuses a command when the app set none", async () => {
    installHooks({ message: async () => undefined });
    const { client: a } = await newChat();
    a.send({ type: "message", id: "m", content: "x", command: "search" });
    expect(await a.next((f) => f.type === "error")).toMatchObject({ code: "bad_frame" });
    a.send({ type: "message", id: "n", content: "x", modes: { model: "fast" } });
    expect(await a.next((f) => f.type === "error")).toMatchObject({ code: "bad_frame" });
    a.close();
  });

  it("a bad list is the app's error, shown as an error message", async () => {
    installHooks({
      chatStart: async () => {
        await cl.setCommands([{ id: "has space", description: "x" }]);
      },
    });
    const { client: a } = await newChat();
    const error = await a.next((f) => f.type === "step" && f.step.isError === true, 5000, true);
    expect(error.type === "step" && error.step.output).toMatch(/cl\.setCommands: 0\.id/);
    a.close();
  });

  it("broadcasts a new list to every tab", async () => {
    installHooks({
      message: async (m) => {
        await cl.setCommands([{ id: m.content, description: "made now" }]);
      },
    });
    const { visitor, id, client: a } = await newChat();
    const b = await Client.open(id, visitor);
    a.send({ type: "message", id: "m", content: "late" });
    const frame = await b.next((f) => f.type === "commands");
    expect(frame.type === "commands" && frame.commands.map((c) => c.id)).toEqual(["late"]);
    a.close();
    b.close();
  });
});
