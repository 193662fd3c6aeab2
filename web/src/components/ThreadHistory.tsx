/**
 * The history sidebar (`#thread-history`): the caller's threads (a signed-in user's, or the
 * anonymous visitor's of this browser), grouped by date, searchable by name, a page at a time.
 * Refetched when the current chat gets its name or a task ends.
 */
import { createEffect, createSignal, For, on, onCleanup, Show } from "solid-js";
import type { ThreadSummary } from "../../../protocol/api";
import { dateGroupLabel, t } from "../i18n";
import { deleteThread, fetchThreadPage, groupByDate, renameThread } from "../state/history";
import { useSession } from "../state/session";
import { useUi } from "../state/ui";
import { ThreadItem } from "./ThreadItem";

const SEARCH_DELAY_MS = 250;
/** The session writes D1 shortly after a thread is named; look again until it is listed. */
const RELIST_DELAY_MS = 1500;
const RELIST_TRIES = 6;

export function ThreadHistory() {
  const session = useSession();
  const ui = useUi();
  const [threads, setThreads] = createSignal<ThreadSummary[]>([]);
  const [cursor, setCursor] = createSignal<string | undefined>();
  const [query, setQuery] = createSignal("");
  const [loading, setLoading] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  let request = 0;
  let relistTimer: ReturnType<typeof setTimeout> | undefined;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => {
    clearTimeout(relistTimer);
    clearTimeout(searchTimer);
  });

  /** Loads the first page (or the next one, with `more`); a newer request wins. */
  const load = async (more = false, tries = 0) => {
    const mine = ++request;
    clearTimeout(relistTimer);
    setLoading(true);
    try {
      const page = await fetchThreadPage(query(), more ? cursor() : undefined);
      if (mine !== request) return;
      setThreads(more ? [...threads(), ...page.threads] : page.threads);
      setCursor(page.nextCursor);
      setFailed(false);
      const id = session.sessionId();
      const missing = session.chat.state.threadName && !page.threads.some((t) => t.id === id);
      if (!more && !query() && missing && tries < RELIST_TRIES) {
        relistTimer = setTimeout(() => void load(false, tries + 1), RELIST_DELAY_MS);
      }
    } catch {
      if (mine === request) setFailed(true);
    } finally {
      if (mine === request) setLoading(false);
    }
  };

  createEffect(
    on(
      () => session.chat.state.threadName,
      () => void load(),
    ),
  );
  createEffect(
    on(
      () => session.chat.state.running,
      (running, was) => {
        if (was && !running) void load();
      },
      { defer: true },
    ),
  );

  const rename = async (id: string, name: string) => {
    setThreads(threads().map((t) => (t.id === id ? { ...t, name } : t)));
    try {
      await renameThread(id, name);
    } catch (err) {
      ui.notify(err instanceof Error ? err.message : String(err));
      void load();
    }
  };
  const remove = async (id: string) => {
    try {
      await deleteThread(id);
      setThreads(threads().filter((t) => t.id !== id));
      if (id === session.sessionId()) session.newChat();
    } catch (err) {
      ui.notify(err instanceof Error ? err.message : String(err));
    }
  };
  const open = (id: string) => {
    session.openThread(id);
    // On a phone the sidebar covers the chat: get it out of the way.
    if (matchMedia("(max-width: 720px)").matches) ui.toggleSidebar();
  };

  return (
    <nav id="thread-history" class="thread-history" aria-label={t("Chat history")}>
      <div class="thread-history-head">
        <h2>{t("History")}</h2>
        {/* On a phone the sidebar covers the header's toggle: close it from here. */}
        <button
          type="button"
          class="icon-button sidebar-close"
          aria-label={t("Hide chat history")}
          onClick={ui.toggleSidebar}
        >
          ✕
        </button>
      </div>
      <input
        type="search"
        class="thread-search"
        placeholder={t("Search chats")}
        aria-label={t("Search chats")}
        value={query()}
        onInput={(e) => {
          setQuery(e.currentTarget.value.slice(0, 200));
          clearTimeout(searchTimer);
          searchTimer = setTimeout(() => void load(), SEARCH_DELAY_MS);
        }}
      />
      <Show when={!failed()} fallback={<p class="muted">{t("History unavailable.")}</p>}>
        <Show
          when={threads().length > 0}
          fallback={
            <Show when={!loading()}>
              <p class="muted">{query() ? t("No chat matches.") : t("No chats yet.")}</p>
            </Show>
          }
        >
          <For each={groupByDate(threads(), Date.now())}>
            {(group) => (
              <section class="thread-group" aria-label={dateGroupLabel(group.label)}>
                <h3>{dateGroupLabel(group.label)}</h3>
                <ul>
                  <For each={group.threads}>
                    {(thread) => (
                      <ThreadItem
                        thread={thread}
                        current={session.sessionId() === thread.id}
                        onOpen={open}
                        onRename={(id, name) => void rename(id, name)}
                        onDelete={(id) => void remove(id)}
                      />
                    )}
                  </For>
                </ul>
              </section>
            )}
          </For>
        </Show>
      </Show>
      <Show when={cursor()}>
        <button
          type="button"
          class="secondary load-more"
          disabled={loading()}
          onClick={() => void load(true)}
        >
          {loading() ? t("Loading…") : t("Load more")}
        </button>
      </Show>
    </nav>
  );
}
