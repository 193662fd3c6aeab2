/**
 * For the framework-integration tests: run one user message through a fresh session and read
 * back what a client would show, as steps in order, their nesting as an indented outline, and
 * the elements sent. Waits are bounded (a loaded machine is slow, so they are generous).
 */
import type { ElementData, ServerFrame, StepData } from "../../protocol/frames.js";
import { type Client, newChat, type Visitor } from "./harness.js";

/** What one message produced. */
export interface Shown {
  client: Client;
  visitor: Visitor;
  sessionId: string;
  frames: ServerFrame[];
  /** Every step and message (the user's too), deltas applied, in order. */
  steps: StepData[];
  elements: ElementData[];
}

/** The steps a list of frames leaves, with streamed text applied, in order. */
export function fold(frames: ServerFrame[]): StepData[] {
  const steps = new Map<string, StepData>();
  for (const f of frames) {
    if (f.type === "snapshot") for (const s of f.snapshot.steps) steps.set(s.id, { ...s });
    if (f.type === "step") steps.set(f.step.id, { ...f.step });
    if (f.type === "remove") steps.delete(f.id);
    if (f.type === "delta") {
      const s = steps.get(f.id);
      if (s) s.output = f.replace ? f.text : s.output + f.text;
    }
  }
  return [...steps.values()].sort((a, b) => a.order - b.order);
}

/** Sends `content` as the user in a new session and waits until the task ends. */
export async function say(content: string, ms = 15_000): Promise<Shown> {
  const { visitor, id: sessionId, client } = await newChat();
  client.send({ type: "message", id: crypto.randomUUID(), content });
  await client.next((f) => f.type === "task" && f.running, ms);
  await client.idle(ms);
  const frames = [...client.frames];
  const elements = frames.flatMap((f) => (f.type === "element" ? [f.element] : []));
  return { client, visitor, sessionId, frames, steps: fold(frames), elements };
}

/**
 * The steps as the UI nests them: one `type:name` line each, children (in order) under their
 * parent indented two spaces, the user's message left out (steps under it are top level).
 * Messages read `assistant_message:AUTHOR`.
 */
export function outline(steps: StepData[]): string[] {
  const ids = new Set(steps.filter((s) => s.type !== "user_message").map((s) => s.id));
  const lines: string[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const s of steps) {
      if (s.type === "user_message") continue;
      const parent = s.parentId && ids.has(s.parentId) ? s.parentId : null;
      if (parent !== parentId) continue;
      lines.push(`${"  ".repeat(depth)}${s.type}:${s.name}`);
      walk(s.id, depth + 1);
    }
  };
  walk(null, 0);
  return lines;
}

/** The one step named `name` (fails the test with the names present when there is none). */
export function named(steps: StepData[], name: string, type?: string): StepData {
  const found = steps.filter((s) => s.name === name && (!type || s.type === type));
  if (found.length !== 1) {
    throw new Error(`${found.length} steps named ${name}; have ${steps.map((s) => s.name)}`);
  }
  return found[0]!;
}
