/**
 * The D1 rows of steps and elements and the wire shapes they come from and go back to, paired:
 * the session writes with `stepToRow`/`elementToRow` (durable-objects/session/persist.ts), the
 * history routes read with `stepFromRow`/`elementFromRow` (worker/threads.ts), so a column added
 * on one side is added on the other here.
 */
import type { ElementData, StepData } from "../protocol/frames.js";
import { elementUrl, isElementUrl } from "./keys.js";
import type { elements, steps } from "./steps.js";

/**
 * Longest input/output text written to a D1 row (rows are capped at 2 MB); a longer one is cut
 * there and marked `metadata.truncated`. The session keeps it whole, so resume shows it all.
 */
export const D1_TEXT_LIMIT = 500_000;

/** A step as a D1 row; feedback goes to its own table. */
export function stepToRow(threadId: string, step: StepData): typeof steps.$inferInsert {
  const input = step.input ?? null;
  const truncated = step.output.length > D1_TEXT_LIMIT || (input?.length ?? 0) > D1_TEXT_LIMIT;
  const metadata = truncated ? { ...step.metadata, truncated: true } : (step.metadata ?? null);
  return {
    id: step.id,
    threadId,
    parentId: step.parentId,
    type: step.type,
    name: step.name,
    input: input?.slice(0, D1_TEXT_LIMIT) ?? null,
    output: step.output.slice(0, D1_TEXT_LIMIT),
    isError: step.isError ?? false,
    streaming: step.streaming ?? false,
    language: step.language ?? null,
    showInput: step.showInput ?? null,
    defaultOpen: step.defaultOpen ?? null,
    icon: step.icon ?? null,
    actions: step.actions ?? null,
    metadata,
    createdAt: step.createdAt,
    endedAt: step.endedAt ?? null,
    order: step.order,
  };
}

/** A step read back from D1, with the feedback given on it (if any). */
export function stepFromRow(
  row: typeof steps.$inferSelect,
  feedback: { value: 0 | 1; comment: string | null } | undefined,
): StepData {
  const step: StepData = {
    id: row.id,
    parentId: row.parentId,
    type: row.type,
    name: row.name,
    output: row.output,
    createdAt: row.createdAt,
    order: row.order,
  };
  if (row.input !== null) step.input = row.input;
  if (row.isError) step.isError = true;
  if (row.streaming) step.streaming = true;
  if (row.language !== null) step.language = row.language;
  if (row.showInput !== null) step.showInput = row.showInput;
  if (row.defaultOpen !== null) step.defaultOpen = row.defaultOpen;
  if (row.icon !== null) step.icon = row.icon;
  if (row.endedAt !== null) step.endedAt = row.endedAt;
  if (row.actions !== null) step.actions = row.actions;
  if (row.metadata !== null) step.metadata = row.metadata;
  if (feedback) {
    step.feedback = {
      value: feedback.value,
      ...(feedback.comment ? { comment: feedback.comment } : {}),
    };
  }
  return step;
}

/**
 * An element as a D1 row. `r2Key` is where its bytes are (null when inline or at an app URL);
 * only an app's own URL is stored as such, the element URL is made again from the key on read.
 */
export function elementToRow(
  threadId: string,
  element: ElementData,
  order: number,
  r2Key: string | null,
): typeof elements.$inferInsert {
  const ours = isElementUrl(threadId, element.url);
  return {
    id: element.id,
    threadId,
    forId: element.forId ?? null,
    type: element.type,
    name: element.name,
    display: element.display,
    mime: element.mime ?? null,
    size: element.size ?? null,
    language: element.language ?? null,
    bytes: element.bytes ?? null,
    r2Key,
    appUrl: ours ? null : (element.url ?? null),
    content: element.content ?? null,
    props: element.props ?? null,
    order,
  };
}

/** An element read back from D1. */
export function elementFromRow(row: typeof elements.$inferSelect): ElementData {
  const element: ElementData = {
    id: row.id,
    type: row.type,
    name: row.name,
    display: row.display,
  };
  if (row.forId !== null) element.forId = row.forId;
  if (row.r2Key !== null) element.url = elementUrl(row.threadId, row.id);
  else if (row.appUrl !== null) element.url = row.appUrl;
  if (row.content !== null) element.content = row.content;
  if (row.mime !== null) element.mime = row.mime;
  if (row.size !== null) element.size = row.size;
  if (row.bytes !== null) element.bytes = row.bytes;
  if (row.language !== null) element.language = row.language;
  if (row.props !== null) element.props = row.props;
  return element;
}
