/**
 * What is read of a whole session at once: the snapshot a fresh client (or one too far behind
 * for a replay) gets in place of the events it missed, the thread as onChatResume and the
 * history see it, and a step's full text. Nothing here writes.
 */
import type { StepText } from "../../protocol/api.js";
import type { ThreadInfo } from "../sdk/hooks.js";
import { composerSnapshot } from "./composer.js";
import { mcpServers } from "./mcp.js";
import type { Session } from "./session.js";
import { usageTotal } from "./usage.js";

/** The session's state as a client shows it (long step texts cut to a preview). */
export function snapshot(session: Session) {
  const settings = session.meta.get("settings") ?? null;
  const open = session.inFlight.asks()[0] ?? null;
  return {
    steps: session.steps.previews(),
    elements: session.elements.all(),
    running: session.running,
    ask: open,
    settings,
    threadName: session.meta.get("threadName") ?? null,
    mcp: mcpServers(session),
    usage: usageTotal(session),
    ...composerSnapshot(session),
  };
}

/** The whole input and output of a step (a snapshot may carry only a preview). */
export function stepText(session: Session, stepId: string): StepText | null {
  const step = session.exists ? session.steps.get(stepId) : undefined;
  return step ? { input: step.input, output: step.output } : null;
}

/** The thread with every step and element, whole. */
export function thread(session: Session): ThreadInfo {
  return {
    id: session.id,
    name: session.meta.get("threadName") ?? "",
    createdAt: session.meta.get("createdAt") ?? Date.now(),
    steps: session.steps.all(),
    elements: session.elements.all(),
    userIdentifier: session.owner() ?? "",
  };
}
