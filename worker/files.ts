/**
 * Uploads: `POST /api/sessions/:id/files?name=<file name>` with the file's bytes as the body,
 * its type as `Content-Type` and a `Content-Length`, answers `{ id, name, mime, size }`; the id
 * is then sent in a `message` or `ask_reply` frame. Only the session's owner may upload; the
 * limits (the open AskFileMessage's, else `[features] spontaneous_file_upload`) and the daily
 * quota are checked on the declared length before a byte is read, then the body streams into
 * R2 through a FixedLengthStream — never whole in memory, never a byte more or less than
 * declared. The R2 key is chosen here, never by the client.
 * `DELETE /api/sessions/:id/files/:file` forgets an upload not yet sent.
 */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { refuse } from "../durable-objects/session/files.js";
import { normaliseMime, withoutBidi } from "../protocol/accept.js";
import { uploadKey } from "../schema/keys.js";
import { clientIp } from "./auth/client-ip.js";
import { SESSION_ID, sessionStub } from "./sessions.js";
import type { AppEnv } from "./types.js";
import { chargeUpload } from "./upload-quota.js";

/** The response body of a stored upload. */
export interface UploadedFileInfo {
  id: string;
  name: string;
  mime: string;
  size: number;
}

/** A file name safe to show and to put in a header: no path, no control or bidi characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = [...withoutBidi(base)]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .trim()
    .slice(0, 255);
  return clean || "file";
}

/** The declared body length: a count of bytes, or why it cannot be used. */
function declaredLength(header: string | undefined): number | { status: 400 | 411; error: string } {
  if (header === undefined) {
    return { status: 411, error: "Content-Length is required: send the file's size up front" };
  }
  if (!/^\d{1,15}$/.test(header.trim())) {
    return { status: 400, error: "Content-Length must be a whole number of bytes" };
  }
  return Number(header.trim());
}

/** Streams exactly `length` bytes of the body into R2; false when the body ended early or ran over. */
async function streamToR2(
  bucket: R2Bucket,
  key: string,
  body: ReadableStream<Uint8Array> | null,
  length: number,
  meta: UploadedFileInfo,
): Promise<boolean> {
  const options = {
    httpMetadata: { contentType: meta.mime },
    customMetadata: { name: meta.name },
  };
  if (length === 0) {
    await bucket.put(key, new Uint8Array(0), options);
    return true;
  }
  if (!body) return false;
  const fixed = new FixedLengthStream(length);
  const piping = body.pipeTo(fixed.writable);
  try {
    await Promise.all([bucket.put(key, fixed.readable, options), piping]);
    return true;
  } catch {
    piping.catch(() => {});
    return false;
  }
}

export const files = new Hono<AppEnv>()
  .post("/api/sessions/:id/files", async (c) => {
    const id = c.req.param("id");
    if (!SESSION_ID.test(id)) return c.json({ error: "no such session" }, 404);
    const type = c.req.header("content-type") ?? "";
    if (/^multipart\/form-data/i.test(type)) {
      return c.json(
        { error: "send the file's bytes as the request body with ?name=<file name>, not a form" },
        415,
      );
    }
    const length = declaredLength(c.req.header("content-length"));
    if (typeof length !== "number") return c.json({ error: length.error }, length.status);
    const user = c.get("user").identifier;
    const session = sessionStub(c.env, id);
    const policy = await session.uploadPolicy(user);
    if ("status" in policy) return c.json({ error: policy.error }, policy.status);
    const meta: UploadedFileInfo = {
      id: crypto.randomUUID(),
      name: cleanName(c.req.query("name") ?? ""),
      mime: normaliseMime(type),
      size: length,
    };
    const problem = refuse(meta, policy);
    if (problem) return c.json({ error: problem.error }, problem.status);
    const charge = await chargeUpload(c.env, { user, ip: clientIp(c.req.raw.headers) }, length);
    if (charge.refused) {
      c.header("retry-after", String(Math.ceil(charge.retryAfterMs / 1000)));
      return c.json({ error: charge.refused }, 429);
    }
    const key = uploadKey(id, meta.id);
    if (!(await streamToR2(c.env.FILES, key, c.req.raw.body, length, meta))) {
      await Promise.all([c.env.FILES.delete(key), charge.refund()]);
      return c.json({ error: `the upload did not send exactly ${length} bytes` }, 400);
    }
    const refused = await session.addUpload(user, { ...meta, slot: policy.slot });
    if (refused) {
      await Promise.all([c.env.FILES.delete(key), charge.refund()]);
      return c.json({ error: refused.error }, refused.status as ContentfulStatusCode);
    }
    return c.json(meta, 201);
  })
  .delete("/api/sessions/:id/files/:file", async (c) => {
    const { id, file } = c.req.param();
    if (!SESSION_ID.test(id) || !SESSION_ID.test(file)) return c.json({ error: "not found" }, 404);
    const removed = await sessionStub(c.env, id).removeUpload(c.get("user").identifier, file);
    return removed ? c.body(null, 204) : c.json({ error: "not found" }, 404);
  });
