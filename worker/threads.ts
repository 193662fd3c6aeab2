/**
 * The history over HTTP: list and search the caller's threads, read one, rename, delete.
 * Every route answers 404 for a thread the caller does not own, exactly as for one that does
 * not exist, so an id alone reveals nothing. Reads come from D1 (the session DO writes it).
 */
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import * as v from "valibot";
import type { ThreadPage, ThreadSummary } from "../protocol/api.js";
import type { ElementData, StepData } from "../protocol/frames.js";
import * as schema from "../schema/index.js";
import type { AppEnv } from "./types.js";

/** Threads per page unless `limit` says otherwise. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const MAX_QUERY_CHARS = 200;
const MAX_NAME_CHARS = 200;

const ID = /^[0-9a-f-]{36}$/;

/** `GET /api/threads/:id`: a thread with everything it shows, in server order. */
export interface ThreadDetail extends ThreadSummary {
  steps: StepData[];
  elements: ElementData[];
}

/** The position after which the next page starts, and the search it belongs to. */
const CursorSchema = v.strictTuple([
  v.pipe(v.number(), v.integer(), v.minValue(0)),
  v.pipe(v.string(), v.regex(ID)),
  v.string(),
]);
type Cursor = v.InferOutput<typeof CursorSchema>;

function encodeCursor(cursor: Cursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify(cursor));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The cursor, or null when it was not made by this server for this search. */
function decodeCursor(text: string, q: string): Cursor | null {
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const json = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(binary, (ch) => ch.charCodeAt(0)),
    );
    const parsed = v.safeParse(CursorSchema, JSON.parse(json));
    return parsed.success && parsed.output[2] === q ? parsed.output : null;
  } catch {
    return null;
  }
}

/** `q` as a LIKE pattern in which %, _ and \ match themselves. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function database(env: Env) {
  return drizzle(env.DB, { schema });
}

function stub(env: Env, id: string) {
  return env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(id));
}

/** The caller's thread row, or null (not found and not theirs look the same). */
async function ownThread(env: Env, id: string, owner: string) {
  if (!ID.test(id)) return null;
  const row = await database(env)
    .select()
    .from(schema.threads)
    .where(and(eq(schema.threads.id, id), eq(schema.threads.ownerIdentifier, owner)))
    .get();
  return row ?? null;
}

function summary(row: typeof schema.threads.$inferSelect): ThreadSummary {
  return { id: row.id, name: row.name, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export function stepFromRow(
  row: typeof schema.steps.$inferSelect,
  feedback: Map<string, { value: 0 | 1; comment: string | null }>,
): StepData {
  const step: StepData = {
    id: row.id,
    parentId: row.parentId,
    type: row.type,
    name: row.name,
    output: row.output,
    createdAt: row.createdAt,
    order: row.order,
  };
  if (row.input !== null) step.input = row.input;
  if (row.isError) step.isError = true;
  if (row.streaming) step.streaming = true;
  if (row.language !== null) step.language = row.language;
  if (row.showInput !== null) step.showInput = row.showInput;
  if (row.defaultOpen !== null) step.defaultOpen = row.defaultOpen;
  if (row.icon !== null) step.icon = row.icon;
  if (row.endedAt !== null) step.endedAt = row.endedAt;
  if (row.actions !== null) step.actions = row.actions;
  if (row.metadata !== null) step.metadata = row.metadata;
  const given = feedback.get(row.id);
  if (given) {
    step.feedback = { value: given.value, ...(given.comment ? { comment: given.comment } : {}) };
  }
  return step;
}

export function elementFromRow(row: typeof schema.elements.$inferSelect): ElementData {
  const element: ElementData = {
    id: row.id,
    type: row.type,
    name: row.name,
    display: row.display,
  };
  if (row.forId !== null) element.forId = row.forId;
  // The URL is made here from the key; only the app's own URLs are stored as such.
  if (row.r2Key !== null) element.url = `/api/sessions/${row.threadId}/elements/${row.id}`;
  else if (row.appUrl !== null) element.url = row.appUrl;
  if (row.content !== null) element.content = row.content;
  if (row.mime !== null) element.mime = row.mime;
  if (row.size !== null) element.size = row.size;
  if (row.bytes !== null) element.bytes = row.bytes;
  if (row.language !== null) element.language = row.language;
  if (row.props !== null) element.props = row.props;
  return element;
}

const RenameSchema = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_NAME_CHARS)),
});

export const threads = new Hono<AppEnv>()
  .get("/api/threads", async (c) => {
    const owner = c.get("user").identifier;
    const q = c.req.query("q") ?? "";
    if (q.length > MAX_QUERY_CHARS) {
      return c.json({ error: `q is longer than ${MAX_QUERY_CHARS} characters` }, 400);
    }
    const limitText = c.req.query("limit");
    const limit = limitText === undefined ? DEFAULT_PAGE_SIZE : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      return c.json({ error: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` }, 400);
    }
    const cursorText = c.req.query("cursor");
    const cursor = cursorText === undefined ? null : decodeCursor(cursorText, q);
    if (cursorText !== undefined && !cursor) {
      return c.json({ error: "invalid cursor: ask for the first page again" }, 400);
    }
    const t = schema.threads;
    const rows = await database(c.env)
      .select({ id: t.id, name: t.name, createdAt: t.createdAt, updatedAt: t.updatedAt })
      .from(t)
      .where(
        and(
          eq(t.ownerIdentifier, owner),
          q ? sql`${t.name} LIKE ${containsPattern(q)} ESCAPE '\\'` : undefined,
          cursor
            ? or(lt(t.updatedAt, cursor[0]), and(eq(t.updatedAt, cursor[0]), lt(t.id, cursor[1])))
            : undefined,
        ),
      )
      .orderBy(desc(t.updatedAt), desc(t.id))
      .limit(limit + 1)
      .all();
    const page: ThreadPage = { threads: rows.slice(0, limit) };
    const last = page.threads[page.threads.length - 1];
    if (rows.length > limit && last) page.nextCursor = encodeCursor([last.updatedAt, last.id, q]);
    return c.json(page);
  })
  .get("/api/threads/:id", async (c) => {
    const id = c.req.param("id");
    const row = await ownThread(c.env, id, c.get("user").identifier);
    if (!row) return c.json({ error: "not found" }, 404);
    const db = database(c.env);
    const [steps, elements, feedback] = await db.batch([
      db
        .select()
        .from(schema.steps)
        .where(eq(schema.steps.threadId, id))
        .orderBy(asc(schema.steps.order)),
      db
        .select()
        .from(schema.elements)
        .where(eq(schema.elements.threadId, id))
        .orderBy(asc(schema.elements.order)),
      db.select().from(schema.feedback).where(eq(schema.feedback.threadId, id)),
    ]);
    const given = new Map(feedback.map((f) => [f.forId, f]));
    return c.json<ThreadDetail>({
      ...summary(row),
      steps: steps.map((s) => stepFromRow(s, given)),
      elements: elements.map(elementFromRow),
    });
  })
  .patch("/api/threads/:id", async (c) => {
    const id = c.req.param("id");
    const owner = c.get("user").identifier;
    if (!(await ownThread(c.env, id, owner))) return c.json({ error: "not found" }, 404);
    const body = v.safeParse(RenameSchema, await c.req.json().catch(() => null));
    if (!body.success) {
      return c.json({ error: `name must be 1 to ${MAX_NAME_CHARS} characters` }, 400);
    }
    const { name } = body.output;
    // The session first, so its next D1 write carries the new name too.
    await stub(c.env, id).renameThread(name);
    const updated = await database(c.env)
      .update(schema.threads)
      .set({ name })
      .where(and(eq(schema.threads.id, id), eq(schema.threads.ownerIdentifier, owner)))
      .returning()
      .get();
    if (!updated) return c.json({ error: "not found" }, 404);
    return c.json<ThreadSummary>(summary(updated));
  })
  .delete("/api/threads/:id", async (c) => {
    const id = c.req.param("id");
    if (!(await ownThread(c.env, id, c.get("user").identifier))) {
      return c.json({ error: "not found" }, 404);
    }
    await stub(c.env, id).deleteThread(id);
    return c.body(null, 204);
  });
