/**
 * Uploaded files of one session. The bytes go to R2 over HTTP (worker/files.ts), never over the
 * socket; this module keeps the record of each upload in the Durable Object's SQLite, decides
 * which policy applies (the open AskFileMessage's, else `[features] spontaneous_file_upload`)
 * and resolves the ids a client names in a `message` or `ask_reply` frame — only against
 * uploads recorded for this session, each usable once. The records are store/uploads.ts's;
 * no SQL here.
 */
import { type Accept, accepts } from "../../protocol/accept.js";
import { appConfig } from "../../protocol/app.js";
import type { AskData, ElementData, ErrorCode } from "../../protocol/frames.js";
import { elementUrl, uploadKey } from "../../schema/keys.js";
import type { Session } from "./session.js";
import type { UploadMeta } from "./store/uploads.js";

export type { UploadMeta } from "./store/uploads.js";

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
  const ask = session.inFlight.asks()[0];
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
  return session.uploads.pendingCount(slot);
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
  session.uploads.record(data, slot);
  return null;
}

/** Forgets an upload not yet sent; true when there was one. Its bytes are deleted. */
export async function dropUpload(session: Session, id: string): Promise<boolean> {
  if (!session.uploads.dropUnused(id)) return false;
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
  const uploads: UploadMeta[] = [];
  for (const id of unique) {
    const meta = session.uploads.unused(id, policy.slot);
    if (!meta) return { ok: false, code: "not_found", message: `no uploaded file "${id}"` };
    const problem = refuse(meta, policy);
    if (problem) return { ok: false, code: "bad_frame", message: problem.error };
    uploads.push(meta);
  }
  session.uploads.markUsed(unique);
  return { ok: true, uploads };
}

/** Deletes the unsent uploads of a slot (attachments removed before sending). */
export async function dropPending(session: Session, slot: string): Promise<void> {
  const ids = session.uploads.dropSlot(slot);
  if (ids.length > 0) await session.env.FILES.delete(ids.map((id) => uploadKey(session.id, id)));
}

/**
 * Deletes the unsent uploads of every file ask no longer open (timed out, cancelled, replaced
 * or cut by a restart): nobody can send them any more, so their bytes would only sit in R2.
 */
export async function dropStaleUploads(session: Session): Promise<void> {
  const open = new Set(session.inFlight.asks().map((a) => a.id));
  const stale = session.uploads.dropStale(MESSAGE_SLOT, open);
  if (stale.length === 0) return;
  await session.env.FILES.delete(stale.map((id) => uploadKey(session.id, id)));
}

/** A used upload of this session (what author code may read), or undefined. */
export function usedUpload(session: Session, id: string): UploadMeta | undefined {
  return session.uploads.used(id);
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
      url: elementUrl(session.id, upload.id),
    };
    session.putElement(element);
  }
}
