/**
 * Issue 15, `cl.sendToast(message, type)`: every client connected now gets a `toast` reply with
 * its type; it is not logged, so neither a reconnect (replay from a seq) nor a reload
 * (snapshot) shows it again. A wrong type is the app's error, shown like any hook error.
 */
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { isServerEvent, type ServerFrame } from "../../protocol/frames.js";
import { quiet } from "../helpers/wait.js";
import { Client, installHooks, newChat } from "./harness.js";

const toasts = (client: Client) =>
  client.frames
    .filter((f): f is Extract<ServerFrame, { type: "toast" }> => f.type === "toast")
    .map((f) => `${f.level}:${f.message}`);

describe("cl.sendToast", () => {
  it("reaches every connected client, with its type, and never replays", async () => {
    installHooks({
      message: async (m) => {
        await new cl.Message("before").send();
        await cl.sendToast(`hello ${m.content}`);
        for (const type of ["success", "warning", "error"] as const) {
          await cl.sendToast(type, type);
        }
      },
    });
    const { visitor, id, client: a } = await newChat();
    const b = await Client.open(id, visitor);
    a.send({ type: "message", id: "m1", content: "you" });
    await a.idle();
    await b.next((f) => f.type === "toast" && f.level === "error", 5000, true);
    const expected = ["info:hello you", "success:success", "warning:warning", "error:error"];
    expect(toasts(a)).toEqual(expected);
    expect(toasts(b)).toEqual(expected);
    // The text sent before the toast arrived before it.
    const before = a.frames.findIndex((f) => f.type === "step" && f.step.output === "before");
    const first = a.frames.findIndex((f) => f.type === "toast");
    expect(before).toBeGreaterThan(-1);
    expect(before).toBeLessThan(first);

    // A reload (snapshot) and a reconnect from seq 1 (replay) bring no toast back.
    const reload = await Client.open(id, visitor);
    const replay = await Client.open(id, visitor, { lastSeq: 1 });
    await quiet(300);
    expect(reload.frames.some((f) => f.type === "snapshot")).toBe(true);
    expect(replay.frames.some((f) => isServerEvent(f) && f.type === "step")).toBe(true);
    expect(toasts(reload)).toEqual([]);
    expect(toasts(replay)).toEqual([]);
  });

  it("refuses an unknown type with a clear error in the chat", async () => {
    installHooks({
      message: async () => {
        // @ts-expect-error: a JavaScript app can pass anything.
        await cl.sendToast("x", "danger");
      },
    });
    const { client } = await newChat();
    client.send({ type: "message", id: "m1", content: "go" });
    const error = await client.next((f) => f.type === "step" && f.step.isError === true);
    expect(error.type === "step" && error.step.output).toMatch(
      /cl\.sendToast: type must be one of info, success, warning, error, not "danger"/,
    );
    expect(toasts(client)).toEqual([]);
  });
});
