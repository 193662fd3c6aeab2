/**
 * Client frames generated from the protocol's own valibot schemas: mostly well-formed values
 * with a random field broken, plus raw junk. Ids are sometimes taken from what the server has
 * shown (real action, step, element and ask ids), so the generated frames reach the handlers
 * and not only the parser.
 */
import type * as v from "valibot";
import { ClientFrameSchema } from "../../protocol/frames.js";
import type { Random } from "./scale.js";

type AnySchema = v.GenericSchema & {
  type: string;
  wrapped?: AnySchema;
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  key?: AnySchema;
  value?: AnySchema;
  options?: unknown[];
  literal?: unknown;
};

/** Ids the server has shown this client, by kind. */
export interface KnownIds {
  actions: string[];
  steps: string[];
  elements: string[];
  asks: string[];
}

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "\u202e\u2066evil",
  "\ud800",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "__proto__",
  "constructor",
  "💥".repeat(50),
  "a".repeat(129),
];

function junk(rnd: Random, depth = 0): unknown {
  switch (rnd.int(depth > 3 ? 5 : 8)) {
    case 0:
      return rnd.pick(NASTY_STRINGS);
    case 1:
      return rnd.pick([0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2]);
    case 2:
      return null;
    case 3:
      return rnd.chance(0.5);
    case 4:
      return "x".repeat(rnd.int(3000));
    case 5:
      return Array.from({ length: rnd.int(5) }, () => junk(rnd, depth + 1));
    case 6:
      return Object.fromEntries(
        Array.from({ length: rnd.int(5) }, (_, i) => [
          rnd.pick(["__proto__", "k", `k${i}`, "$edgelit", "type"]),
          junk(rnd, depth + 1),
        ]),
      );
    default:
      return { $edgelit: rnd.pick(["User", "Message", "Action"]), data: junk(rnd, depth + 1) };
  }
}

function idFor(field: string, known: KnownIds, rnd: Random): string | undefined {
  const pool =
    field === "stepId"
      ? known.steps
      : field === "askId"
        ? known.asks
        : field === "elementId"
          ? known.elements
          : field === "id" || field === "actionId"
            ? [...known.actions, ...known.elements]
            : [];
  return pool.length > 0 && rnd.chance(0.6) ? rnd.pick(pool) : undefined;
}

/** A value that matches `schema` (most of the time: `breakRate` of fields are junk). */
function sample(
  schema: AnySchema,
  rnd: Random,
  known: KnownIds,
  field: string,
  breakRate: number,
): unknown {
  if (rnd.chance(breakRate)) return junk(rnd);
  switch (schema.type) {
    case "optional":
      return rnd.chance(0.4) || !schema.wrapped
        ? undefined
        : sample(schema.wrapped, rnd, known, field, breakRate);
    case "string":
      return idFor(field, known, rnd) ?? rnd.pick(["hello", "1", crypto.randomUUID(), "é€😀"]);
    case "number":
      return field === "lastSeq" ? rnd.int(40) : rnd.pick([0, 1, 2, 3.5]);
    case "boolean":
      return rnd.chance(0.5);
    case "literal":
      return schema.literal;
    case "picklist":
      return rnd.pick(schema.options ?? []);
    case "array":
      return Array.from({ length: rnd.int(3) }, () =>
        schema.item ? sample(schema.item, rnd, known, field, breakRate) : null,
      );
    case "record":
      return Object.fromEntries(
        Array.from({ length: rnd.int(4) }, (_, i) => [
          rnd.pick(["model", "temperature", `k${i}`, "__proto__"]),
          schema.value ? sample(schema.value, rnd, known, field, breakRate) : junk(rnd),
        ]),
      );
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(schema.entries ?? {})) {
        const value = sample(entry, rnd, known, key, breakRate);
        if (value !== undefined) out[key] = value;
      }
      if (rnd.chance(0.05)) out.extra = junk(rnd);
      return out;
    }
    default:
      return junk(rnd);
  }
}

const FRAME_SCHEMAS = (ClientFrameSchema as unknown as { options: AnySchema[] }).options;

/** One frame to send: a JSON text (maybe broken) or raw bytes. */
export function generateFrame(rnd: Random, known: KnownIds): string | Uint8Array {
  const roll = rnd.next();
  if (roll < 0.04) return crypto.getRandomValues(new Uint8Array(1 + rnd.int(256)));
  if (roll < 0.08) {
    const text = JSON.stringify(sample(rnd.pick(FRAME_SCHEMAS), rnd, known, "", 0));
    return text.slice(0, rnd.int(text.length));
  }
  if (roll < 0.1) return "[".repeat(1 + rnd.int(5000));
  if (roll < 0.12) return String.fromCharCode(...Array.from({ length: 64 }, () => rnd.int(0xffff)));
  const frame = sample(rnd.pick(FRAME_SCHEMAS), rnd, known, "", roll < 0.6 ? 0 : 0.15);
  if (rnd.chance(0.03) && frame && typeof frame === "object") {
    (frame as Record<string, unknown>).type = rnd.pick(["Message", "hello ", "", "toString"]);
  }
  return JSON.stringify(frame);
}
