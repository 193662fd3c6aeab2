/** The composer's command and mode rules (web/src/state/composer.ts), without a DOM. */
import { describe, expect, it } from "vitest";
import type { CommandData } from "../../protocol/composer.js";
import type { StepData } from "../../protocol/frames.js";
import { applyServerFrame, makeChatState } from "../../web/src/state/chat.js";
import {
  afterSend,
  commandQuery,
  filterCommands,
  messageFrame,
  modeValues,
} from "../../web/src/state/composer.js";
import { continues } from "../../web/src/state/tree.js";

const commands: CommandData[] = [
  { id: "search", description: "Search the web" },
  { id: "picture", description: "Draw a picture", persistent: true },
  { id: "research", description: "Deep search" },
];

describe("composer choices", () => {
  it("opens the menu only for a leading / with no space yet", () => {
    expect(commandQuery("/")).toBe("");
    expect(commandQuery("/sea")).toBe("sea");
    expect(commandQuery("/sea rch")).toBeNull();
    expect(commandQuery("a /b")).toBeNull();
  });
  it("filters by id and description, ids starting with the query first", () => {
    expect(filterCommands(commands, "sea").map((c) => c.id)).toEqual(["search", "research"]);
    expect(filterCommands(commands, "pict").map((c) => c.id)).toEqual(["picture"]);
    expect(filterCommands(commands, "zzz")).toEqual([]);
  });
  it("keeps only a persistent command after sending", () => {
    expect(afterSend(commands, "picture")).toBe("picture");
    expect(afterSend(commands, "search")).toBeNull();
    expect(afterSend(commands, null)).toBeNull();
  });
  it("takes each mode's local pick when it is an option, else the server's", () => {
    const state = {
      modes: [
        {
          id: "model",
          name: "Model",
          options: [
            { id: "a", name: "A" },
            { id: "b", name: "B" },
          ],
        },
      ],
      values: { model: "a" },
    };
    expect(modeValues(state, {})).toEqual({ model: "a" });
    expect(modeValues(state, { model: "b" })).toEqual({ model: "b" });
    expect(modeValues(state, { model: "gone" })).toEqual({ model: "a" });
    expect(modeValues(null, { model: "b" })).toEqual({});
  });
  it("puts command and modes on the message frame only when there are some", () => {
    const base = { id: "m", content: "x", createdAt: 0 };
    expect(messageFrame(base)).toEqual({ type: "message", id: "m", content: "x" });
    expect(messageFrame({ ...base, command: "search", modes: { model: "a" } })).toEqual({
      type: "message",
      id: "m",
      content: "x",
      command: "search",
      modes: { model: "a" },
    });
  });
  it("the reducer keeps the lists from events and snapshots", () => {
    let s = makeChatState();
    s = applyServerFrame(s, { type: "commands", seq: 1, commands });
    expect(s.commands).toBe(commands);
    const modes = { modes: [], values: {} };
    s = applyServerFrame(s, { type: "modes", seq: 2, modes });
    expect(s.modes).toBe(modes);
    s = applyServerFrame(s, {
      type: "snapshot",
      seq: 3,
      snapshot: {
        steps: [],
        elements: [],
        running: false,
        ask: null,
        settings: null,
        threadName: null,
      },
    });
    expect(s.commands).toEqual([]);
    expect(s.modes).toBeNull();
  });
});

describe("grouping one author's messages", () => {
  const msg = (over: Partial<StepData>): StepData => ({
    id: "x",
    parentId: null,
    type: "assistant_message",
    name: "Assistant",
    output: "",
    createdAt: 0,
    order: 0,
    ...over,
  });
  it("continues a message of the same author and kind only", () => {
    expect(continues(msg({}), msg({}))).toBe(true);
    expect(continues(undefined, msg({}))).toBe(false);
    expect(continues(msg({ name: "Other" }), msg({}))).toBe(false);
    expect(continues(msg({ type: "tool" }), msg({}))).toBe(false);
    expect(continues(msg({ isError: true }), msg({}))).toBe(false);
    expect(continues(msg({ type: "user_message" }), msg({ type: "user_message" }))).toBe(false);
  });
});
