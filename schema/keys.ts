/**
 * Every R2 key and every file URL of a thread, made here and nowhere else (the Worker's routes,
 * the session and the D1 rows all use these). All of a thread's objects live under
 * `sessions/<threadId>/` (so deleting a thread deletes one prefix); the keys are made by the
 * server from ids it chose, never taken from a client.
 */

/** The prefix of every R2 object of a thread. */
export function threadPrefix(threadId: string): string {
  return `sessions/${threadId}/`;
}

/** The R2 key of an element's bytes (an app's file, image, long text…). */
export function elementKey(threadId: string, elementId: string): string {
  return `${threadPrefix(threadId)}elements/${elementId}`;
}

/** The R2 key of a user's upload. */
export function uploadKey(threadId: string, uploadId: string): string {
  return `${threadPrefix(threadId)}uploads/${uploadId}`;
}

/**
 * The URL an element's bytes are served at (owner-checked). A user's upload shown with their
 * message is an element with the upload's id, served at the same URL: see `elementUrlKeys`.
 */
export function elementUrl(threadId: string, elementId: string): string {
  return `/api/sessions/${threadId}/elements/${elementId}`;
}

/** The URL of a stored element of a shared thread, for its read-only viewers. */
export function sharedElementUrl(threadId: string, elementId: string): string {
  return `/api/share/${threadId}/elements/${elementId}`;
}

/** True for a URL made by `elementUrl` for this thread (not an app's own URL). */
export function isElementUrl(threadId: string, url: string | undefined): boolean {
  return url?.startsWith(`/api/sessions/${threadId}/elements/`) ?? false;
}

/**
 * The keys the element URL of `elementId` may be served from, in order: an element's bytes,
 * else the upload of that id (uploads and elements never share an id: both are random UUIDs).
 */
export function elementUrlKeys(threadId: string, elementId: string): [string, string] {
  return [elementKey(threadId, elementId), uploadKey(threadId, elementId)];
}
