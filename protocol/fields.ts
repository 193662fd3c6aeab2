/**
 * The field schemas every frame module shares (an id, a JSON value, an event's `seq`), so each
 * feature's frames (protocol/mcp.ts, audio.ts, copilot.ts, …) read ids and numbers the same way
 * as protocol/frames.ts, which assembles them. Leaf module: it imports only valibot.
 */
import * as v from "valibot";

/** An id a frame names something by: 1 to 128 characters. */
export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

/** Any JSON value (already parsed; its shape is the app's). */
export const json = v.unknown();

/** An event's number in the session's log: 1, 2, 3, … */
export const seq = v.pipe(v.number(), v.integer(), v.minValue(1));
