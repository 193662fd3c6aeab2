/**
 * The history list: pages of the caller's threads from `GET /api/threads` (search, cursor),
 * rename and delete, and the date groups the sidebar shows. The grouping is pure so it is
 * tested without a DOM.
 */
import type { ThreadPage, ThreadSummary } from "../../../protocol/api";
import { t } from "../i18n";

export type DateGroup = "Today" | "Yesterday" | "Previous 7 days" | "Older";

const DAY_MS = 86_400_000;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The group of a thread last updated at `at`, seen at `now` (local time). */
export function dateGroup(at: number, now: number): DateGroup {
  const today = startOfDay(now);
  if (at >= today) return "Today";
  if (at >= today - DAY_MS) return "Yesterday";
  if (at >= today - 7 * DAY_MS) return "Previous 7 days";
  return "Older";
}

/**
 * Threads (newest first) cut into date groups, in order, skipping empty groups.
 * @example
 * groupByDate([{ id, name, createdAt: now, updatedAt: now }], now); // [{ label: "Today", threads: [...] }]
 */
export function groupByDate(
  threads: ThreadSummary[],
  now: number,
): { label: DateGroup; threads: ThreadSummary[] }[] {
  const groups: { label: DateGroup; threads: ThreadSummary[] }[] = [];
  for (const t of threads) {
    const label = dateGroup(t.updatedAt, now);
    const last = groups[groups.length - 1];
    if (last?.label === label) last.threads.push(t);
    else groups.push({ label, threads: [t] });
  }
  return groups;
}

/** One page of threads; `cursor` continues the same search. */
export async function fetchThreadPage(q: string, cursor?: string): Promise<ThreadPage> {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  const res = await fetch(`/api/threads${query ? `?${query}` : ""}`);
  if (!res.ok) throw new Error(`GET /api/threads: ${res.status}`);
  const page = (await res.json()) as Partial<ThreadPage>;
  return {
    threads: Array.isArray(page.threads) ? page.threads : [],
    ...(typeof page.nextCursor === "string" ? { nextCursor: page.nextCursor } : {}),
  };
}

export async function renameThread(id: string, name: string): Promise<void> {
  const res = await fetch(`/api/threads/${encodeURIComponent(id)}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (!res.ok) throw new Error(t("Could not rename the chat ({status}).", { status: res.status }));
}

export async function deleteThread(id: string): Promise<void> {
  const res = await fetch(`/api/threads/${encodeURIComponent(id)}`, { method: "DELETE" });
  if (!res.ok && res.status !== 404)
    throw new Error(t("Could not delete the chat ({status}).", { status: res.status }));
}
