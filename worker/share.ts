/**
 * Sharing a thread read-only by link (`features.allow_thread_sharing`). Only the owner shares
 * and unshares (`POST`/`DELETE /api/threads/:id/share`; anyone else gets the 404 of a thread
 * that does not exist). A viewer reads a shared thread at `GET /api/share/:id` (the page
 * `/share/:id` draws it) and its files at `/api/share/:id/elements/:el`, each time after the
 * flag in D1 and `cl.onSharedThreadView`: unshared, never shared and refused all look alike
 * to a stranger (404), except a callback's refusal, which is 403. Nothing here opens a socket.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { type Context, Hono } from "hono";
import { type SharedThread, sharedThreadView } from "../durable-objects/sdk/share.js";
import { appConfig } from "../protocol/app.js";
import type { ElementData, StepData } from "../protocol/frames.js";
import * as schema from "../schema/index.js";
import { sharedElementUrl } from "../schema/keys.js";
import { elementFromRow, stepFromRow } from "../schema/rows.js";
import { caller } from "./identity.js";
import { sessionFile } from "./sessions.js";
import type { AppEnv } from "./types.js";

const ID = /^[0-9a-f-]{36}$/;

/** `GET /api/share/:id`: the thread as a viewer sees it (no actions, no feedback). */
export interface SharedThreadPage {
  id: string;
  name: string;
  createdAt: number;
  sharedAt: number;
  steps: StepData[];
  elements: ElementData[];
}

/** `POST /api/threads/:id/share` and `GET` of the same: the link, when shared. */
export interface ShareStatus {
  shared: boolean;
  url?: string;
}

function db(env: Env) {
  return drizzle(env.DB, { schema });
}

const sharePath = (id: string) => `/share/${id}`;

/** The thread row when `owner` owns it. */
async function owned(env: Env, id: string, owner: string) {
  if (!ID.test(id)) return null;
  const t = schema.threads;
  return (
    (await db(env)
      .select({ id: t.id, sharedAt: t.sharedAt })
      .from(t)
      .where(and(eq(t.id, id), eq(t.ownerIdentifier, owner)))
      .get()) ?? null
  );
}

async function setShared(env: Env, id: string, owner: string, at: number | null) {
  const t = schema.threads;
  await db(env)
    .update(t)
    .set({ sharedAt: at })
    .where(and(eq(t.id, id), eq(t.ownerIdentifier, owner)))
    .run();
}

/** Owner-only routes; mounted after the caller check. */
export const shareControls = new Hono<AppEnv>()
  .use("/api/threads/:id/share", async (c, next) => {
    if (!appConfig.features.allow_thread_sharing) return c.json({ error: "not found" }, 404);
    await next();
  })
  .get("/api/threads/:id/share", async (c) => {
    const row = await owned(c.env, c.req.param("id"), c.get("user").identifier);
    if (!row) return c.json({ error: "not found" }, 404);
    const status: ShareStatus =
      row.sharedAt === null ? { shared: false } : { shared: true, url: sharePath(row.id) };
    return c.json(status);
  })
  .post("/api/threads/:id/share", async (c) => {
    const owner = c.get("user").identifier;
    const row = await owned(c.env, c.req.param("id"), owner);
    if (!row) return c.json({ error: "not found" }, 404);
    if (row.sharedAt === null) await setShared(c.env, row.id, owner, Date.now());
    return c.json<ShareStatus>({ shared: true, url: sharePath(row.id) });
  })
  .delete("/api/threads/:id/share", async (c) => {
    const owner = c.get("user").identifier;
    const row = await owned(c.env, c.req.param("id"), owner);
    if (!row) return c.json({ error: "not found" }, 404);
    await setShared(c.env, row.id, owner, null);
    return c.body(null, 204);
  });

type Access =
  | { ok: true; row: typeof schema.threads.$inferSelect }
  | { ok: false; status: 403 | 404 };

/** The shared thread `id` if the feature is on, it is shared now and the viewer may see it. */
async function access(
  c: Context<AppEnv>,
  id: string,
  load: (row: typeof schema.threads.$inferSelect) => Promise<SharedThread>,
): Promise<Access> {
  if (!appConfig.features.allow_thread_sharing || !ID.test(id)) return { ok: false, status: 404 };
  const t = schema.threads;
  const row = await db(c.env)
    .select()
    .from(t)
    .where(and(eq(t.id, id), isNotNull(t.sharedAt)))
    .get();
  if (!row) return { ok: false, status: 404 };
  const view = sharedThreadView();
  if (view) {
    const viewer = await caller(c);
    let allowed = false;
    try {
      allowed = (await view(await load(row), viewer)) === true;
    } catch (err) {
      console.error("Edgelit: onSharedThreadView failed:", err);
    }
    if (!allowed) return { ok: false, status: 403 };
  }
  return { ok: true, row };
}

/** The thread's steps and elements from D1, as a viewer may see them. */
async function readThread(env: Env, row: typeof schema.threads.$inferSelect) {
  const d = db(env);
  const [steps, elements] = await d.batch([
    d
      .select()
      .from(schema.steps)
      .where(eq(schema.steps.threadId, row.id))
      .orderBy(asc(schema.steps.order)),
    d
      .select()
      .from(schema.elements)
      .where(eq(schema.elements.threadId, row.id))
      .orderBy(asc(schema.elements.order)),
  ]);
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    userIdentifier: row.ownerIdentifier,
    // Read-only: no buttons to click, no feedback given by the owner, no client ids.
    steps: steps.map((s) => {
      const { actions: _a, feedback: _f, ...step } = stepFromRow(s, undefined);
      const { clientId: _c, ...metadata } = step.metadata ?? {};
      return Object.keys(metadata).length > 0
        ? { ...step, metadata }
        : { ...step, metadata: undefined };
    }),
    elements: elements.map((e) => {
      const element = elementFromRow(e);
      // Stored files are read through the share route, which checks the share each time.
      return e.r2Key !== null ? { ...element, url: sharedElementUrl(row.id, e.id) } : element;
    }),
  } satisfies SharedThread;
}

/** Routes a viewer reaches without signing in; mounted before the caller check. */
export const sharedViews = new Hono<AppEnv>()
  .get("/api/share/:id", async (c) => {
    const id = c.req.param("id");
    let thread: SharedThread | null = null;
    const load = async (row: typeof schema.threads.$inferSelect) => {
      thread ??= await readThread(c.env, row);
      return thread;
    };
    const result = await access(c, id, load);
    if (!result.ok)
      return c.json({ error: result.status === 403 ? "forbidden" : "not found" }, result.status);
    const { userIdentifier: _owner, ...shown } = await load(result.row);
    return c.json<SharedThreadPage>({ ...shown, sharedAt: result.row.sharedAt ?? 0 }, 200, {
      "cache-control": "private, no-store",
    });
  })
  .get("/api/share/:id/elements/:element", async (c) => {
    const { id, element } = c.req.param();
    if (!ID.test(element)) return c.json({ error: "not found" }, 404);
    const result = await access(c, id, (row) => readThread(c.env, row));
    if (!result.ok) return c.json({ error: "not found" }, result.status);
    // Only an element of this thread: the key is made from the thread id, never from input.
    const known = await db(c.env)
      .select({ id: schema.elements.id })
      .from(schema.elements)
      .where(and(eq(schema.elements.threadId, id), eq(schema.elements.id, element)))
      .get();
    if (!known) return c.json({ error: "not found" }, 404);
    return (await sessionFile(c.env, id, element)) ?? c.json({ error: "not found" }, 404);
  });
