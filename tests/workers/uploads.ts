/** Upload helpers for the runtime tests: the raw-body request the web client makes. */
import { env, SELF } from "cloudflare:test";
import { appConfig } from "../../protocol/app.js";
import type { UploadPolicy } from "../../protocol/config.js";
import type { Visitor } from "./harness.js";

export interface UploadAnswer {
  status: number;
  body: { id?: string; name?: string; mime?: string; size?: number; error?: string };
}

/** `POST /api/sessions/:id/files?name=…` with the bytes as the body, like web/src/net/upload.ts. */
export async function upload(
  sessionId: string,
  visitor: Visitor,
  name: string,
  content: string | Uint8Array,
  type = "text/plain",
  headers: Record<string, string> = {},
): Promise<UploadAnswer> {
  const url = `http://edgelit.test/api/sessions/${sessionId}/files?name=${encodeURIComponent(name)}`;
  const res = await SELF.fetch(url, {
    method: "POST",
    headers: { cookie: visitor.cookie, "content-type": type, ...headers },
    body: content,
  });
  return { status: res.status, body: (await res.json()) as UploadAnswer["body"] };
}

/** Keys stored under a session's uploads in R2. */
export async function storedUploads(sessionId: string): Promise<string[]> {
  const list = await env.FILES.list({ prefix: `sessions/${sessionId}/uploads/` });
  return list.objects.map((o) => o.key);
}

/** Sets `[features] spontaneous_file_upload` for one test; returns the restore function. */
export function uploadPolicy(next: Partial<UploadPolicy>): () => void {
  const before = { ...appConfig.features.spontaneous_file_upload };
  Object.assign(appConfig.features.spontaneous_file_upload, next);
  return () => Object.assign(appConfig.features.spontaneous_file_upload, before);
}
