/**
 * Encoding of `cl.userSession` values: JSON values, plus Edgelit's own objects (messages,
 * steps, actions, elements, users), which come back from `get` as live objects. Anything else
 * (functions, cycles, class instances, bigint, non-finite numbers) is refused at `set`.
 * Only Edgelit writes the revival tag: a key of user data that looks like it is escaped, so
 * data from a client can never come back as an Edgelit object.
 */
import type { StepData } from "../../protocol/frames.js";

const TAG = "$edgelit";
/** Keys of user data that could be read as the tag: stored with one more "$". */
const LOOKS_LIKE_TAG = /^\$+edgelit$/;
/** Keys as stored after escaping; reading drops the added "$". */
const ESCAPED_TAG = /^\$\$+edgelit$/;

interface Revivable {
  toJSON(): unknown;
}

/** What a reviver may read: the session's current state of a stored object. */
export interface ReviveContext {
  step(id: string): StepData | undefined;
}

type Reviver = (data: unknown, context: ReviveContext | undefined) => unknown;

const revivers = new Map<string, Reviver>();
const tags = new Map<unknown, string>();

/** @internal Lets an Edgelit class be stored in the user session. */
export function registerRevivable(
  tag: string,
  ctor: abstract new (...args: never[]) => Revivable,
  revive: Reviver,
): void {
  revivers.set(tag, revive);
  tags.set(ctor, tag);
}

/**
 * Thrown by `cl.userSession.set` for a value that cannot be stored.
 * @example
 * try { cl.userSession.set("callback", () => 1); }
 * catch (err) { if (err instanceof cl.UnstorableValueError) console.log(err.message); }
 */
export class UnstorableValueError extends TypeError {
  override name = "UnstorableValueError";
}

function tagOf(value: object): string | undefined {
  let proto: object | null = Object.getPrototypeOf(value);
  while (proto && proto !== Object.prototype) {
    const tag = tags.get(proto.constructor);
    if (tag) return tag;
    proto = Object.getPrototypeOf(proto);
  }
  return undefined;
}

function toStorable(value: unknown, path: string, seen: Set<object>): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new UnstorableValueError(`${path} is ${value}, not a JSON number`);
    return value;
  }
  if (typeof value !== "object") {
    throw new UnstorableValueError(`${path} is a ${typeof value}; only JSON values can be stored`);
  }
  if (seen.has(value)) throw new UnstorableValueError(`${path} refers back to itself (a cycle)`);
  seen.add(value);
  try {
    const tag = tagOf(value);
    if (tag) return { [TAG]: tag, data: toStorable((value as Revivable).toJSON(), path, seen) };
    if (Array.isArray(value))
      return value.map((item, i) => toStorable(item, `${path}[${i}]`, seen));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? "object";
      throw new UnstorableValueError(
        `${path} is a ${name}; only JSON values and Edgelit objects can be stored`,
      );
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const stored = LOOKS_LIKE_TAG.test(key) ? `$${key}` : key;
      put(out, stored, toStorable(item, `${path}.${key}`, seen));
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** Encodes a value for storage, or throws UnstorableValueError naming what is wrong. */
export function encodeValue(value: unknown, name: string): string {
  return JSON.stringify(toStorable(value, name, new Set()));
}

/** Sets an own property, even one named `__proto__` (JSON data may have that key). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function revive(value: unknown, context: ReviveContext | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => revive(item, context));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const tag = record[TAG];
  if (typeof tag === "string") {
    const data = revive(record.data, context);
    const reviver = revivers.get(tag);
    return reviver ? reviver(data, context) : data;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    put(out, ESCAPED_TAG.test(key) ? key.slice(1) : key, revive(item, context));
  }
  return out;
}

/**
 * Decodes a stored value, reviving Edgelit objects; with a context, a stored message or step
 * comes back as it is in the session now, not as it was when stored.
 */
export function decodeValue(encoded: string, context?: ReviveContext): unknown {
  return revive(JSON.parse(encoded), context);
}
