/**
 * The newest task list element, pinned above the conversation. Content is Chainlit's JSON:
 * `{ title?, status?, tasks: [{ title, status: ready|running|failed|done, forId? }] }`.
 */
import { createMemo, For, Show } from "solid-js";
import type { ElementData } from "../../../protocol/frames";
import { t } from "../i18n";

interface Task {
  title: string;
  status: string;
}

const STATUSES = new Set(["ready", "running", "failed", "done"]);

function parseTasks(content: string | undefined): { title: string; tasks: Task[] } {
  try {
    const raw = JSON.parse(content ?? "{}") as { title?: unknown; tasks?: unknown };
    const tasks = Array.isArray(raw.tasks) ? raw.tasks : [];
    return {
      title: typeof raw.title === "string" ? raw.title : t("Tasks"),
      tasks: tasks.map((task: { title?: unknown; status?: unknown }) => ({
        title: String(task?.title ?? ""),
        status: STATUSES.has(String(task?.status)) ? String(task.status) : "ready",
      })),
    };
  } catch {
    return { title: t("Tasks"), tasks: [] };
  }
}

export function TaskList(props: { element: ElementData }) {
  const list = createMemo(() => parseTasks(props.element.content));
  return (
    <aside class="tasklist" aria-label={list().title}>
      <h2>{list().title}</h2>
      <ol>
        <For each={list().tasks}>
          {(task) => (
            <li class={`task task-status-${task.status}`}>
              <span class="task-icon" aria-hidden="true" />
              <span>{task.title}</span>
              <span class="visually-hidden">({task.status})</span>
            </li>
          )}
        </For>
      </ol>
      <Show when={list().tasks.length === 0}>
        <p class="muted">{t("No tasks.")}</p>
      </Show>
    </aside>
  );
}
