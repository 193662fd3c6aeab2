/** The two chat routes: `/` (always a new chat) and `/thread/:id`. */

export function threadIdFromPath(path: string): string | null {
  const m = /^\/thread\/([^/]+)\/?$/.exec(path);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

export function threadPath(id: string): string {
  return `/thread/${encodeURIComponent(id)}`;
}

/** The `?prompt=` to pre-fill the composer with, read once at load. */
export function initialPrompt(search: string): string {
  return new URLSearchParams(search).get("prompt") ?? "";
}

/** The thread id of a shared thread's read-only page, `/share/:id`. */
export function sharedIdFromPath(path: string): string | null {
  const m = /^\/share\/([0-9a-f-]{36})\/?$/.exec(path);
  return m?.[1] ?? null;
}
