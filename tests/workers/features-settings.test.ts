import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import type { ServerFrame } from "../../protocol/frames.js";
import { Client, installHooks, newChat } from "./harness.js";

function errorCode(frame: ServerFrame): string {
  return frame.type === "error" ? frame.code : frame.type;
}

describe("chat settings, profile, env", () => {
  it("keeps confirmed values in userSession chatSettings, runs onSettingsUpdate, refuses bad values", async () => {
    const updates: unknown[] = [];
    const seen: unknown[] = [];
    installHooks({
      chatStart: async () => {
        await new cl.ChatSettings([
          new cl.Select({ id: "model", label: "Model", values: ["a", "b"], initialIndex: 0 }),
          new cl.Slider({ id: "temperature", label: "T", initial: 0.7, min: 0, max: 2, step: 0.1 }),
          new cl.Switch({ id: "stream", label: "Stream", initial: true }),
          new cl.TextInput({ id: "prefix", label: "Prefix", initial: "" }),
          new cl.NumberInput({ id: "n", label: "N", initial: 1 }),
          new cl.Tags({ id: "tags", label: "Tags", initial: [] }),
        ]).send();
      },
      chatProfiles: () => [new cl.ChatProfile({ name: "Expert" })],
      settingsUpdate: (s) => void updates.push(s),
      message: () => {
        seen.push(
          cl.userSession.get("chatSettings"),
          cl.userSession.get("chatProfile"),
          cl.userSession.get("env"),
        );
      },
    });
    const { visitor, id, client } = await newChat({
      chatProfile: "Expert",
      env: { TEST_KEY: "secret", NOT_ASKED: "dropped" },
    });
    await client.idle();
    const bad: Record<string, unknown>[] = [
      { model: "c" },
      { temperature: 5 },
      { stream: "yes" },
      { prefix: "x".repeat(10_001) },
      { tags: Array.from({ length: 101 }, () => "t") },
      { unknown: 1 },
      { model: "b", temperature: "hot" },
    ];
    for (const values of bad) {
      client.send({ type: "settings", values });
      expect(
        errorCode(await client.next((f) => f.type === "error")),
        JSON.stringify(values).slice(0, 40),
      ).toBe("bad_frame");
    }
    expect(updates).toEqual([]);
    client.send({ type: "settings", values: { model: "b", temperature: 1.2, tags: ["x"] } });
    await client.idle();
    const values = { model: "b", temperature: 1.2, stream: true, prefix: "", n: 1, tags: ["x"] };
    expect(updates).toEqual([values]);
    client.send({ type: "message", id: "m", content: "hi" });
    await client.idle();
    expect(seen).toEqual([values, "Expert", { TEST_KEY: "secret" }]);
    const reload = await Client.open(id, visitor);
    const snap = await reload.next((f) => f.type === "snapshot", 5000, true);
    expect(snap.type === "snapshot" && snap.snapshot.settings?.values).toEqual(values);
  });
});
