/**
 * The session's write path to D1. The DO's SQLite is the truth; D1 is the queryable copy the
 * history lists and previews read. Changed step and element ids wait in the outbox (store/outbox.ts)
 * and leave in `db.batch` round-trips: at the end of each task, and on the session's one alarm
 * every PERSIST_INTERVAL_MS while an answer streams — never per token. Nothing is written
 * for a thread until it has a name (its first user interaction). A failed write keeps the
 * outbox and retries on the alarm with backoff, so D1 trouble loses nothing.
 */
import { eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import type { ElementData, StepData } from "../../protocol/frames.js";
import * as schema from "../../schema/index.js";
import { elementKey, isElementUrl, threadPrefix, uploadKey } from "../../schema/keys.js";
import { elementToRow, stepToRow } from "../../schema/rows.js";
import { decodeValue } from "../sdk/serialize.js";
import { User } from "../sdk/user.js";
import { usedUpload } from "./files.js";
import type { Meter } from "./meter.js";
import type { Session } from "./session.js";
import type { Outbox } from "./store/outbox.js";

/** How long streamed changes may wait before they are written to D1. */
export const PERSIST_INTERVAL_MS = 2000;

/** Longest wait between retries of a failing D1 write. */
export const RETRY_MAX_MS = 60_000;

export { D1_TEXT_LIMIT } from "../../schema/rows.js";

/** Statements per `db.batch`; a large first write (a long onChatStart) goes in a few. */
const BATCH_STATEMENTS = 50;

/**
 * @internal Test seams: `batches` counts D1 round-trips; `database` is where they go (a test
 * swaps in a failing one).
 */
export const persistProbe = {
  batches: 0,
  database: (env: Env): D1Database => env.DB,
};

type Db = DrizzleD1Database<typeof schema>;
type Statement = BatchItem<"sqlite">;

export class Persister {
  #running: Promise<void> | null = null;
  #again = false;
  /** Cache of `meta.persistAt`, so each delta costs no storage read. */
  #due: number | null = null;
  #named = false;

  constructor(
    private readonly session: Session,
    private readonly outbox: Outbox,
    private readonly meter: Meter,
  ) {}

  /** Something changed: make sure a write is due within PERSIST_INTERVAL_MS. */
  soon(): void {
    if (this.#due !== null || !this.#isNamed()) return;
    const meta = this.session.meta;
    const due = meta.get("persistAt");
    this.#due = due ?? Date.now() + PERSIST_INTERVAL_MS;
    if (due !== undefined) return;
    meta.set("persistAt", this.#due);
    this.session.scheduleAlarm().catch((err) => console.error("Edgelit: setAlarm failed:", err));
  }

  /** True when the alarm should write now. */
  due(now: number): boolean {
    const at = this.session.meta.get("persistAt");
    return at !== undefined && at <= now;
  }

  /**
   * Writes every pending change now. Never throws: a D1 failure leaves the outbox as it is
   * and sets a retry deadline. Concurrent calls share one write, then one more if needed.
   */
  flush(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#write();
        } while (this.#again);
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  /** Waits for a write in flight (before the thread is deleted). */
  async idle(): Promise<void> {
    await this.#running;
  }

  /** Forgets cached state after the session's storage was wiped. */
  reset(): void {
    this.#due = null;
    this.#named = false;
  }

  #isNamed(): boolean {
    this.#named ||= this.session.meta.get("threadName") !== undefined;
    return this.#named;
  }

  async #write(): Promise<void> {
    const meta = this.session.meta;
    const outbox = this.outbox;
    if (!this.#isNamed()) return;
    try {
      let first = true;
      let stepIds = outbox.steps();
      let elementIds = outbox.elements();
      while (stepIds.length > 0 || elementIds.length > 0) {
        const steps = stepIds.slice(0, BATCH_STATEMENTS);
        const elements = elementIds.slice(0, BATCH_STATEMENTS - steps.length);
        await this.#batch(first, steps, elements);
        first = false;
        stepIds = stepIds.slice(steps.length);
        elementIds = elementIds.slice(elements.length);
      }
      meta.delete("persistFailures");
      this.#reschedule(outbox.steps().length + outbox.elements().length > 0 ? 0 : null);
    } catch (err) {
      const failures = (meta.get("persistFailures") ?? 0) + 1;
      meta.set("persistFailures", failures);
      const wait = Math.min(PERSIST_INTERVAL_MS * 2 ** (failures - 1), RETRY_MAX_MS);
      console.warn(`Edgelit: D1 write failed (${failures}x), retrying in ${wait} ms:`, err);
      this.#reschedule(wait);
    }
    await this.session.scheduleAlarm();
  }

  /** Next write in `wait` ms, or none when null. */
  #reschedule(wait: number | null): void {
    const meta = this.session.meta;
    if (wait === null) {
      meta.delete("persistAt");
      this.#due = null;
      return;
    }
    this.#due = Date.now() + Math.max(wait, PERSIST_INTERVAL_MS);
    meta.set("persistAt", this.#due);
  }

  /**
   * One D1 round-trip. A step or element that changed again while the batch was in flight
   * stays in the outbox (the DO handles events while it awaits D1).
   */
  async #batch(withThread: boolean, stepIds: string[], elementIds: string[]): Promise<void> {
    const db: Db = drizzle(persistProbe.database(this.session.env), { schema });
    const { steps, elements } = this.session;
    const threadId = this.session.id;
    const statements: Statement[] = withThread ? this.#threadStatements(db) : [];
    const written = new Map<string, string>();
    for (const id of stepIds) {
      const step = steps.get(id);
      written.set(id, JSON.stringify(step ?? null));
      statements.push(...stepStatements(db, threadId, id, step));
    }
    const all = elements.all();
    const writtenElements = new Map<string, string>();
    for (const id of elementIds) {
      const index = all.findIndex((e) => e.id === id);
      const element = all[index];
      writtenElements.set(id, JSON.stringify(element ?? null));
      statements.push(
        element
          ? upsertElement(db, threadId, element, index + 1, this.#r2Key(element))
          : db.delete(schema.elements).where(eq(schema.elements.id, id)),
      );
    }
    const [head, ...rest] = statements;
    if (!head) return;
    persistProbe.batches++;
    this.meter.d1Batch(statements);
    await db.batch([head, ...rest]);

    this.outbox.clearSteps(
      stepIds.filter((id) => JSON.stringify(steps.get(id) ?? null) === written.get(id)),
    );
    const now = elements.all();
    this.outbox.clearElements(
      elementIds.filter(
        (id) => JSON.stringify(now.find((e) => e.id === id) ?? null) === writtenElements.get(id),
      ),
    );
  }

  /**
   * Where an element's bytes are in R2, or null when it has none there (inline, or an app URL).
   * A user's upload shown as an element keeps its bytes under the upload's key.
   */
  #r2Key(element: ElementData): string | null {
    const threadId = this.session.id;
    if (!isElementUrl(threadId, element.url)) return null;
    return usedUpload(this.session, element.id)
      ? uploadKey(threadId, element.id)
      : elementKey(threadId, element.id);
  }

  #threadStatements(db: Db): Statement[] {
    const { meta, values } = this.session;
    const owner = meta.get("owner") ?? "";
    const encoded = values.get("user");
    const user = encoded ? decodeValue(encoded) : null;
    const now = Date.now();
    const profile = meta.get("chatProfile");
    const metadata = profile ? { chatProfile: profile } : {};
    return [
      db
        .insert(schema.users)
        .values({
          id: crypto.randomUUID(),
          identifier: owner,
          displayName: user instanceof User ? (user.displayName ?? null) : null,
          metadata: user instanceof User ? user.metadata : {},
          createdAt: now,
        })
        .onConflictDoNothing(),
      db
        .insert(schema.threads)
        .values({
          id: this.session.id,
          userId: sql`(SELECT id FROM users WHERE identifier = ${owner})`,
          ownerIdentifier: owner,
          name: meta.get("threadName") ?? "",
          metadata,
          tags: [],
          createdAt: meta.get("createdAt") ?? now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: schema.threads.id,
          set: { name: meta.get("threadName") ?? "", metadata, updatedAt: now },
        }),
    ];
  }
}

function stepStatements(
  db: Db,
  threadId: string,
  id: string,
  step: StepData | undefined,
): Statement[] {
  if (!step) {
    return [
      db.delete(schema.feedback).where(eq(schema.feedback.forId, id)),
      db.delete(schema.steps).where(eq(schema.steps.id, id)),
    ];
  }
  const row = stepToRow(threadId, step);
  const out: Statement[] = [
    db.insert(schema.steps).values(row).onConflictDoUpdate({ target: schema.steps.id, set: row }),
  ];
  if (step.feedback) {
    const { value, comment = null } = step.feedback;
    out.push(
      db
        .insert(schema.feedback)
        .values({ id: crypto.randomUUID(), forId: step.id, threadId, value, comment })
        .onConflictDoUpdate({ target: schema.feedback.forId, set: { value, comment } }),
    );
  }
  return out;
}

function upsertElement(
  db: Db,
  threadId: string,
  element: ElementData,
  order: number,
  r2Key: string | null,
): Statement {
  const row = elementToRow(threadId, element, order, r2Key);
  return db
    .insert(schema.elements)
    .values(row)
    .onConflictDoUpdate({ target: schema.elements.id, set: row });
}

/** Renames the thread in the session (snapshots, open tabs); the Worker updates D1. */
export function renameThread(session: Session, name: string): void {
  if (session.owner() === undefined) return;
  session.meta.set("threadName", name);
  session.emit({ type: "thread", threadId: session.id, name });
}

/**
 * Deletes the thread everywhere: the DO's storage (its sockets are closed, its tasks
 * cancelled), the D1 rows and the R2 objects under `sessions/<id>/`.
 */
export async function eraseThread(session: Session, threadId: string): Promise<void> {
  await session.erase();

  const db = drizzle(persistProbe.database(session.env), { schema });
  await db.batch([
    db.delete(schema.feedback).where(eq(schema.feedback.threadId, threadId)),
    db.delete(schema.elements).where(eq(schema.elements.threadId, threadId)),
    db.delete(schema.steps).where(eq(schema.steps.threadId, threadId)),
    db.delete(schema.threads).where(eq(schema.threads.id, threadId)),
  ]);
  let cursor: string | undefined;
  do {
    const page = await session.env.FILES.list({ prefix: threadPrefix(threadId), cursor });
    if (page.objects.length > 0) await session.env.FILES.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}
