/**
 * What a thread contains: its steps (messages are steps), the elements shown with them and
 * the feedback given on answers. Deleting a thread deletes all of it.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ActionData, ElementData, StepType } from "../protocol/frames.js";
import { threads } from "./threads.js";

export const steps = sqliteTable(
  "steps",
  {
    id: text("id").primaryKey(),
    threadId: text("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    parentId: text("parent_id"),
    type: text("type").$type<StepType>().notNull(),
    /** Author of a message, name of a step. */
    name: text("name").notNull(),
    input: text("input"),
    /** Content of a message, output of a step; the text so far while streaming. */
    output: text("output").notNull(),
    isError: integer("is_error", { mode: "boolean" }).notNull().default(false),
    /** Still receiving tokens when written (a later write completes it). */
    streaming: integer("streaming", { mode: "boolean" }).notNull().default(false),
    language: text("language"),
    showInput: text("show_input", { mode: "json" }).$type<boolean | string>(),
    defaultOpen: integer("default_open", { mode: "boolean" }),
    icon: text("icon"),
    actions: text("actions", { mode: "json" }).$type<ActionData[]>(),
    metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>(),
    /** Epoch ms. */
    createdAt: integer("created_at").notNull(),
    endedAt: integer("ended_at"),
    /** The server's order of creation; threads are read in this order, never by clock. */
    order: integer("order").notNull(),
  },
  (t) => [index("steps_thread_order_idx").on(t.threadId, t.order)],
);

export const elements = sqliteTable(
  "elements",
  {
    id: text("id").primaryKey(),
    threadId: text("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    forId: text("for_id"),
    type: text("type").$type<ElementData["type"]>().notNull(),
    name: text("name").notNull(),
    display: text("display").$type<ElementData["display"]>().notNull(),
    mime: text("mime"),
    size: text("size"),
    language: text("language"),
    /** Byte length of the R2 object. */
    bytes: integer("bytes"),
    /** The R2 object key of the element's bytes (never a URL: URLs are made when read). */
    r2Key: text("r2_key"),
    /** A URL the app chose itself (`/public/x.png`, an https URL), not one of ours. */
    appUrl: text("app_url"),
    /** Small textual content kept inline (text, plotly/dataframe JSON, tasklist JSON). */
    content: text("content"),
    props: text("props", { mode: "json" }).$type<Record<string, unknown>>(),
    /** The session's order of creation. */
    order: integer("order").notNull(),
  },
  (t) => [index("elements_thread_order_idx").on(t.threadId, t.order)],
);

export const feedback = sqliteTable(
  "feedback",
  {
    id: text("id").primaryKey(),
    /** The answer (step) it is about; one feedback per answer, replaced when given again. */
    forId: text("for_id").notNull(),
    threadId: text("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    /** 1 thumbs up, 0 thumbs down. */
    value: integer("value").$type<0 | 1>().notNull(),
    comment: text("comment"),
  },
  (t) => [uniqueIndex("feedback_for_idx").on(t.forId), index("feedback_thread_idx").on(t.threadId)],
);
