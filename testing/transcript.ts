/**
 * The conversation as a client holds it after applying frames: pure, so tests in Node (which
 * talk to a running server over `ws`) and in the Workers pool fold frames the same way.
 */
import type { ServerFrame } from "../protocol/frames.js";

/** One message or step as the client has it. */
export interface TranscriptStep {
  type: string;
  name: string;
  output: string;
  order: number;
}

/** The messages and steps in a list of frames (snapshot, steps, deltas, removals) by id. */
export function transcript(frames: ServerFrame[]): Map<string, TranscriptStep> {
  const steps = new Map<string, TranscriptStep>();
  for (const f of frames) {
    if (f.type === "snapshot") for (const s of f.snapshot.steps) steps.set(s.id, { ...s });
    if (f.type === "step") steps.set(f.step.id, { ...f.step });
    if (f.type === "delta") {
      const s = steps.get(f.id);
      if (s) s.output = f.replace ? f.text : s.output + f.text;
    }
    if (f.type === "remove") steps.delete(f.id);
  }
  return steps;
}
