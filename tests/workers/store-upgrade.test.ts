import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SessionStore } from "../../durable-objects/session/store.js";
import { sessionStub } from "./d1.js";

/** The steps table as sessions created before input and output had their own columns kept it. */
const OLD_STEPS = `DROP TABLE IF EXISTS steps;
CREATE TABLE steps (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL);`;

describe("a session stored by an older Edgelit", () => {
  it("moves step texts into their own columns and reads every step as before", async () => {
    const id = crypto.randomUUID();
    const llm = {
      id: "s1",
      parentId: null,
      type: "llm",
      name: "gpt",
      input: "p".repeat(5000),
      output: "answer",
      createdAt: 1,
      order: 1,
      actions: [{ id: "a1", name: "go", payload: {}, forId: "s1" }],
    };
    const message = {
      id: "s2",
      parentId: null,
      type: "assistant_message",
      name: "Assistant",
      output: "m".repeat(3000),
      createdAt: 2,
      order: 2,
    };
    const result = await runInDurableObject(sessionStub(id), (_instance, state) => {
      const sql = state.storage.sql;
      sql.exec(OLD_STEPS);
      for (const step of [llm, message])
        sql.exec(
          "INSERT INTO steps (id, ord, seq, data) VALUES (?, ?, ?, ?)",
          step.id,
          step.order,
          step.order,
          JSON.stringify(step),
        );
      const store = new SessionStore(sql);
      return {
        steps: store.steps(),
        messages: store.steps("messages").map((s) => s.id),
        previews: store.previewSteps(),
        actions: store.actions().map((a) => a.id),
        // A second open finds the table already upgraded.
        again: new SessionStore(sql).step("s1"),
      };
    });
    expect(result.steps).toEqual([llm, message]);
    expect(result.messages).toEqual(["s2"]);
    expect(result.previews[0]?.input).toHaveLength(2000);
    expect(result.previews[0]?.truncated).toEqual({ input: 5000 });
    expect(result.previews[1]).toEqual(message);
    expect(result.actions).toEqual(["a1"]);
    expect(result.again).toEqual(llm);
  });
});
