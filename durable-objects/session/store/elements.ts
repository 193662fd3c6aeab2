/**
 * The chat's elements (images, files, text, custom elements …) as they are now, in the order
 * they were first shown; an element shown again keeps its place. Every change is queued for D1.
 */
import type { ElementData } from "../../../protocol/frames.js";
import { scalar } from "./event-log.js";
import type { Outbox } from "./outbox.js";
import type { Tables } from "./schema.js";

/** What may read elements: writes go through the session, which sends them too. */
export type ElementReader = Pick<ElementStore, "all">;

export class ElementStore {
  constructor(
    private readonly tables: Tables,
    private readonly outbox: Outbox,
  ) {}

  put(element: ElementData): void {
    const sql = this.tables.write("elements");
    const ord = scalar(sql, "SELECT COALESCE(MAX(ord), 0) + 1 AS v FROM elements");
    sql.exec(
      `INSERT INTO elements (id, ord, data) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data`,
      element.id,
      ord,
      JSON.stringify(element),
    );
    this.outbox.element(element.id);
  }

  delete(id: string): void {
    this.tables.read("elements")?.exec("DELETE FROM elements WHERE id = ?", id);
    this.outbox.element(id);
  }

  all(): ElementData[] {
    const sql = this.tables.read("elements");
    if (!sql) return [];
    return sql
      .exec<{ data: string }>("SELECT data FROM elements ORDER BY ord")
      .toArray()
      .map((r) => JSON.parse(r.data) as ElementData);
  }
}
