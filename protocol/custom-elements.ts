/**
 * The frames a custom element (`cl.CustomElement`, drawn in the page) sends back: it replaces
 * its own props or calls an action callback, with data only (JSON, never code or a URL).
 * The session checks the element exists and is `custom`; protocol/frames.ts places these
 * schemas in the client frame union.
 */
import * as v from "valibot";
import { id, json } from "./fields.js";

/** A custom element replaces its own props (data only; only `custom` elements). */
export const ElementPropsFrameSchema = v.object({
  type: v.literal("element_props"),
  id,
  props: v.record(v.string(), json),
});

/** A custom element calls the action callback `name` with a payload (data only). */
export const ElementActionFrameSchema = v.object({
  type: v.literal("element_action"),
  elementId: id,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  payload: v.optional(v.record(v.string(), json)),
});
