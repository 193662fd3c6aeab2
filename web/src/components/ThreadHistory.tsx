/**
 * The history sidebar (`#thread-history`): the user's threads from `GET /api/threads`, newest
 * first, each a link `#thread-ID` to `/thread/ID`. Refetched when the current chat gets a name.
 */
import { createResource, For, Show } from "solid-js";
import type { ThreadPage, ThreadSummary } from "../../../protocol/api";
import { threadPath } from "../state/route";
import { useSession } from "../state/session";

async function fetchThreads(): Promise<ThreadSummary[]> {
  const res = await fetch("/api/threads");
  if (!res.ok) throw new Error(`GET /api/threads: ${res.status}`);
  const page = (await res.json()) as Partial<ThreadPage>;
  return Array.isArray(page.threads) ? page.threads : [];
}

export function ThreadHistory() {
  const session = useSession();
  const [threads] = createResource(() => session.chat.state.threadName ?? "", fetchThreads);
  return (
    <nav id="thread-history" class="thread-history" aria-label="Chat history">
      <h2>History</h2>
      <Show when={!threads.error} fallback={<p class="muted">History unavailable.</p>}>
        <Show
          when={(threads.latest ?? []).length > 0}
          fallback={<p class="muted">No chats yet.</p>}
        >
          <ul>
            <For each={threads.latest}>
              {(t) => (
                <li>
                  <a
                    id={`thread-${t.id}`}
                    href={threadPath(t.id)}
                    aria-current={session.sessionId() === t.id ? "page" : undefined}
                  >
                    {t.name || "Untitled"}
                  </a>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </nav>
  );
}
