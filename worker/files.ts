/**
 * Uploads: `POST /api/sessions/:id/files` with one multipart `file` field answers
 * `{ id, name, mime, size }`; the id is then sent in a `message` or `ask_reply` frame.
 * Only the session's owner may upload; the limits (the open AskFileMessage's, else
 * `[features] spontaneous_file_upload`) are checked before anything is stored — the declared
 * length first, then the bytes as they stream in. The R2 key is chosen here, never by the client.
 * `DELETE /api/sessions/:id/files/:file` forgets an upload not yet sent.
 */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { refuse, uploadKey } from "../durable-objects/session/files.js";
import { normaliseMime } from "../protocol/accept.js";
import { originAllowed, SESSION_ID, sessionStub } from "./sessions.js";
import type { AppEnv } from "./types.js";

/** Room for the multipart boundary and part headers around the file itself. */
const MULTIPART_SLACK = 16 * 1024;

/** The response body of a stored upload. */
export interface UploadedFileInfo {
  id: string;
  name: string;
  mime: string;
  size: number;
}

/** A file name safe to show and to put in a header: no path, no control characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .trim()
    .slice(0, 255);
  return clean || "file";
}

type FormResult = { ok: true; form: FormData } | { ok: false; tooLarge: boolean };

/** Parses the multipart body, giving up as soon as more than `limit` bytes arrived. */
async function readForm(request: Request, limit: number): Promise<FormResult> {
  if (!request.body) return { ok: false, tooLarge: false };
  let seen = 0;
  let over = false;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          over = true;
          controller.error(new Error("upload too large"));
        } else controller.enqueue(chunk);
      },
    }),
  );
  try {
    const headers = { "content-type": request.headers.get("content-type") ?? "" };
    return { ok: true, form: await new Response(counted, { headers }).formData() };
  } catch {
    return { ok: false, tooLarge: over };
  }
}

export const files = new Hono<AppEnv>()
  .post("/api/sessions/:id/files", async (c) => {
    const id = c.req.param("id");
    if (!originAllowed(c.req.raw)) return c.json({ error: "origin not allowed" }, 403);
    if (!SESSION_ID.test(id)) return c.json({ error: "no such session" }, 404);
    const user = c.get("user").identifier;
    const session = sessionStub(c.env, id);
    const policy = await session.uploadPolicy(user);
    if ("status" in policy) return c.json({ error: policy.error }, policy.status);
    const limitMb = policy.maxBytes / (1024 * 1024);
    const tooLarge = () => c.json({ error: `file too large: the limit is ${limitMb} MB` }, 413);
    const declared = Number(c.req.header("content-length"));
    if (declared > policy.maxBytes + MULTIPART_SLACK) return tooLarge();
    const body = await readForm(c.req.raw, policy.maxBytes + MULTIPART_SLACK);
    if (!body.ok) {
      return body.tooLarge
        ? tooLarge()
        : c.json({ error: "expected a multipart/form-data body with a `file` field" }, 400);
    }
    const parts = body.form.getAll("file");
    const file = parts[0];
    if (parts.length !== 1 || typeof file === "string" || file === undefined) {
      return c.json({ error: "send exactly one file in the multipart field `file`" }, 400);
    }
    const meta: UploadedFileInfo = {
      id: crypto.randomUUID(),
      name: cleanName(file.name),
      mime: normaliseMime(file.type),
      size: file.size,
    };
    const problem = refuse(meta, policy);
    if (problem) return c.json({ error: problem.error }, problem.status);
    const key = uploadKey(id, meta.id);
    await c.env.FILES.put(key, file, {
      httpMetadata: { contentType: meta.mime },
      customMetadata: { name: meta.name },
    });
    const refused = await session.addUpload(user, { ...meta, slot: policy.slot });
    if (refused) {
      await c.env.FILES.delete(key);
      return c.json({ error: refused.error }, refused.status as ContentfulStatusCode);
    }
    return c.json(meta, 201);
  })
  .delete("/api/sessions/:id/files/:file", async (c) => {
    const { id, file } = c.req.param();
    if (!originAllowed(c.req.raw)) return c.json({ error: "origin not allowed" }, 403);
    if (!SESSION_ID.test(id) || !SESSION_ID.test(file)) return c.json({ error: "not found" }, 404);
    const removed = await sessionStub(c.env, id).removeUpload(c.get("user").identifier, file);
    return removed ? c.body(null, 204) : c.json({ error: "not found" }, 404);
  });
