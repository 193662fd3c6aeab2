/** Upload helpers for the runtime tests: the multipart request the web client makes. */
import { env, SELF } from "cloudflare:test";
import type { UploadPolicy } from "../../protocol/config.js";
import { appConfig } from "../../worker/app.js";
import type { Visitor } from "./harness.js";

export interface UploadAnswer {
  status: number;
  body: { id?: string; name?: string; mime?: string; size?: number; error?: string };
}

/** `POST /api/sessions/:id/files` with one `file` field, like web/src/net/upload.ts. */
export async function upload(
  sessionId: string,
  visitor: Visitor,
  name: string,
  content: string | Uint8Array,
  type = "text/plain",
): Promise<UploadAnswer> {
  const form = new FormData();
  form.append("file", new File([content], name, { type }));
  const res = await SELF.fetch(`http://edgelit.test/api/sessions/${sessionId}/files`, {
    method: "POST",
    headers: { cookie: visitor.cookie },
    body: form,
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
