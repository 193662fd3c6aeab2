/**
 * Uploaded files of one session. The bytes go to R2 over HTTP (worker/files.ts), never over the
 * socket; this module keeps the record of each upload in the Durable Object's SQLite, decides
 * which policy applies (the open AskFileMessage's, else `[features] spontaneous_file_upload`)
 * and resolves the ids a client names in a `message` or `ask_reply` frame — only against
 * uploads recorded for this session, each usable once.
 */
import { type Accept, accepts } from "../../protocol/accept.js";
import { appConfig } from "../../protocol/app.js";
import type { AskData, ElementData, ErrorCode } from "../../protocol/frames.js";
import type { Session } from "./session.js";

/** What the server knows of one upload. */
export interface UploadMeta {
  id: string;
  name: string;
  mime: string;
  size: number;
}

/** The limits an upload is checked against, and the slot it is counted in. */
export interface UploadPolicy {
  accept: Accept;
  maxBytes: number;
  maxFiles: number;
  /** `message` for spontaneous uploads, else the id of the open file ask. */
  slot: string;
}

/** A refusal with its HTTP meaning. */
export interface UploadRefusal {
  status: 400 | 403 | 404 | 413 | 415;
  error: string;
}

export const MESSAGE_SLOT = "message";

/** Defaults of an AskFileMessage, as in Chainlit. */
export const ASK_DEFAULTS = { maxSizeMb: 2, maxFiles: 1 } as const;

const SCHEMA = `CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY, slot TEXT NOT NULL, used INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL, data TEXT NOT NULL)`;

/** The R2 key of an upload; chosen by the server, never by a client. */
export function uploadKey(sessionId: string, uploadId: string): string {
  return `sessions/${sessionId}/uploads/${uploadId}`;
}

function sql(session: Session): SqlStorage {
  const db = session.ctx.storage.sql;
  // Created on use: the table also has to come back after a deleted thread's deleteAll().
  db.exec(SCHEMA);
  return db;
}

const MB = 1024 * 1024;

/** The limits of a file ask's uploads (the upload route and the answer check the same). */
export function askPolicy(ask: AskData): UploadPolicy {
  return {
    accept: ask.accept ?? ["*/*"],
    maxBytes: (ask.maxSizeMb ?? ASK_DEFAULTS.maxSizeMb) * MB,
    maxFiles: ask.maxFiles ?? ASK_DEFAULTS.maxFiles,
    slot: ask.id,
  };
}

/** The policy for an upload made now, or why uploads are refused. */
export function currentPolicy(session: Session): UploadPolicy | UploadRefusal {
  const ask = session.store.asks()[0];
  if (ask?.kind === "file") return askPolicy(ask);
  const config = appConfig.features.spontaneous_file_upload;
  if (!config.enabled) return { status: 403, error: "file uploads are disabled in this app" };
  return {
    accept: config.accept,
    maxBytes: config.maxSizeMb * MB,
    maxFiles: config.maxFiles,
    slot: MESSAGE_SLOT,
  };
}

/** Uploads recorded in a slot and not yet sent with a message or an answer. */
export function pendingCount(session: Session, slot: string): number {
  const row = sql(session)
    .exec<{ n: number }>("SELECT COUNT(*) AS n FROM uploads WHERE slot = ? AND used = 0", slot)
    .toArray()[0];
  return row ? Number(row.n) : 0;
}

/** Checks an upload against a policy; null when it passes. */
export function refuse(meta: UploadMeta, policy: UploadPolicy): UploadRefusal | null {
  if (meta.size > policy.maxBytes) {
    return {
      status: 413,
      error: `${meta.name} is too large: the limit is ${policy.maxBytes / MB} MB`,
    };
  }
  if (!accepts(meta.name, meta.mime, policy.accept)) {
    return { status: 415, error: `${meta.name}: files of type ${meta.mime} are not accepted here` };
  }
  return null;
}

/**
 * Records an upload whose bytes are in R2. Checked again here, in the object's single thread,
 * so two uploads racing cannot both take the last free place.
 */
export function recordUpload(
  session: Session,
  meta: UploadMeta & { slot: string },
): UploadRefusal | null {
  const policy = currentPolicy(session);
  if ("status" in policy) return policy;
  if (policy.slot !== meta.slot) {
    return { status: 400, error: "the question this file was for has ended" };
  }
  if (pendingCount(session, policy.slot) >= policy.maxFiles) {
    return { status: 400, error: `too many files: at most ${policy.maxFiles} at a time` };
  }
  const problem = refuse(meta, policy);
  if (problem) return problem;
  const { slot, ...data } = meta;
  sql(session).exec(
    "INSERT INTO uploads (id, slot, created, data) VALUES (?, ?, ?, ?)",
    meta.id,
    slot,
    Date.now(),
    JSON.stringify(data),
  );
  return null;
}

/** Forgets an upload not yet sent; true when there was one. Its bytes are deleted. */
export async function dropUpload(session: Session, id: string): Promise<boolean> {
  const rows = sql(session)
    .exec("DELETE FROM uploads WHERE id = ? AND used = 0 RETURNING id", id)
    .toArray();
  if (rows.length === 0) return false;
  await session.env.FILES.delete(uploadKey(session.id, id));
  return true;
}

export type Claim =
  | { ok: true; uploads: UploadMeta[] }
  | { ok: false; code: ErrorCode; message: string };

/**
 * Resolves the ids a client sent with a message or an answer and marks them used. Every id
 * must be an unused upload of this session in `slot`; on any refusal nothing is marked.
 */
export function claimUploads(session: Session, ids: string[], policy: UploadPolicy): Claim {
  const unique = [...new Set(ids)];
  if (unique.length > policy.maxFiles) {
    return { ok: false, code: "bad_frame", message: `at most ${policy.maxFiles} files` };
  }
  const db = sql(session);
  const uploads: UploadMeta[] = [];
  for (const id of unique) {
    const row = db
      .exec<{ data: string }>(
        "SELECT data FROM uploads WHERE id = ? AND slot = ? AND used = 0",
        id,
        policy.slot,
      )
      .toArray()[0];
    if (!row) return { ok: false, code: "not_found", message: `no uploaded file "${id}"` };
    const meta = JSON.parse(row.data) as UploadMeta;
    const problem = refuse(meta, policy);
    if (problem) return { ok: false, code: "bad_frame", message: problem.error };
    uploads.push(meta);
  }
  for (const id of unique) db.exec("UPDATE uploads SET used = 1 WHERE id = ?", id);
  return { ok: true, uploads };
}

/** Deletes the unsent uploads of a slot (attachments removed before sending). */
export async function dropPending(session: Session, slot: string): Promise<void> {
  const ids = sql(session)
    .exec<{ id: string }>("DELETE FROM uploads WHERE slot = ? AND used = 0 RETURNING id", slot)
    .toArray()
    .map((r) => r.id);
  if (ids.length > 0) await session.env.FILES.delete(ids.map((id) => uploadKey(session.id, id)));
}

/**
 * Deletes the unsent uploads of every file ask no longer open (timed out, cancelled, replaced
 * or cut by a restart): nobody can send them any more, so their bytes would only sit in R2.
 */
export async function dropStaleUploads(session: Session): Promise<void> {
  const open = new Set(session.store.asks().map((a) => a.id));
  const stale = sql(session)
    .exec<{ id: string; slot: string }>(
      "SELECT id, slot FROM uploads WHERE used = 0 AND slot != ?",
      MESSAGE_SLOT,
    )
    .toArray()
    .filter((r) => !open.has(r.slot))
    .map((r) => r.id);
  if (stale.length === 0) return;
  for (const id of stale) sql(session).exec("DELETE FROM uploads WHERE id = ? AND used = 0", id);
  await session.env.FILES.delete(stale.map((id) => uploadKey(session.id, id)));
}

/** A used upload of this session (what author code may read), or undefined. */
export function usedUpload(session: Session, id: string): UploadMeta | undefined {
  const row = sql(session)
    .exec<{ data: string }>("SELECT data FROM uploads WHERE id = ? AND used = 1", id)
    .toArray()[0];
  return row ? (JSON.parse(row.data) as UploadMeta) : undefined;
}

/** The element type a file of this mime type is shown as. */
export function elementTypeFor(mime: string): "image" | "audio" | "video" | "pdf" | "file" {
  if (mime.startsWith("image/") && mime !== "image/svg+xml") return "image";
  if (mime.startsWith("audio/")) return "audio";
  if (mime.startsWith("video/")) return "video";
  if (mime === "application/pdf") return "pdf";
  return "file";
}

/** Shows uploads as inline elements of the user message `forId`. */
export function showUploads(session: Session, forId: string, uploads: UploadMeta[]): void {
  for (const upload of uploads) {
    const element: ElementData = {
      id: upload.id,
      type: elementTypeFor(upload.mime),
      name: upload.name,
      display: "inline",
      forId,
      mime: upload.mime,
      bytes: upload.size,
      url: `/api/sessions/${session.id}/elements/${upload.id}`,
    };
    session.store.putElement(element);
    session.emitter.emit({ type: "element", element });
  }
}
