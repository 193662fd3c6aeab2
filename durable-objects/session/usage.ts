/**
 * The session's token total: the sum of the usage of every `llm` step that ended with one. Kept
 * in the session's SQLite with the ids of the steps already counted, so a step updated again (or
 * revived and re-sent after hibernation) is counted exactly once.
 */
import type { UsageTotal } from "../../protocol/frames.js";
import { toUsage } from "../sdk/llm-step.js";
import type { Session } from "./session.js";

/** The session's total so far (zeros when nothing reported usage). */
export function usageTotal(session: Session): UsageTotal {
  const row = session
    .table("token_usage", "read")
    ?.exec<{ input: number; output: number }>("SELECT input, output FROM token_usage WHERE id = 1")
    .toArray()[0];
  return { inputTokens: row?.input ?? 0, outputTokens: row?.output ?? 0 };
}

/**
 * Adds an ended `llm` step's usage (`metadata.usage`, any provider's shape) to the total, once per
 * step, and tells the clients. Anything else is ignored.
 */
export function countStepUsage(session: Session, stepId: string, raw: unknown): void {
  const usage = toUsage(raw);
  if (!usage || !session.exists) return;
  const input = Math.max(0, Math.round(usage.inputTokens));
  const output = Math.max(0, Math.round(usage.outputTokens));
  if (input === 0 && output === 0) return;
  const steps = session.table("token_usage_steps", "write");
  const added = steps?.exec("INSERT OR IGNORE INTO token_usage_steps (step_id) VALUES (?)", stepId);
  if (!added || added.rowsWritten === 0) return;
  session.table("token_usage", "write")?.exec(
    `INSERT INTO token_usage (id, input, output) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET input = input + excluded.input, output = output + excluded.output`,
    input,
    output,
  );
  session.emit({ type: "usage", usage: usageTotal(session) });
}
