/**
 * Encoding of `cl.userSession` values: JSON values, plus Edgelit's own objects (messages,
 * steps, actions, elements, users), which come back from `get` as live objects. Anything else
 * (functions, cycles, class instances, bigint, non-finite numbers) is refused at `set`.
 */

const TAG = "$edgelit";

interface Revivable {
  toJSON(): unknown;
}

const revivers = new Map<string, (data: unknown) => unknown>();
const tags = new Map<unknown, string>();

/** @internal Lets an Edgelit class be stored in the user session. */
export function registerRevivable(
  tag: string,
  ctor: abstract new (...args: never[]) => Revivable,
  revive: (data: unknown) => unknown,
): void {
  revivers.set(tag, revive);
  tags.set(ctor, tag);
}

/** Thrown by `cl.userSession.set` for a value that cannot be stored. */
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
      out[key] = toStorable(item, `${path}.${key}`, seen);
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

/** Decodes a stored value, reviving Edgelit objects. */
export function decodeValue(encoded: string): unknown {
  return JSON.parse(encoded, (_key, value: unknown) => {
    if (value && typeof value === "object" && TAG in value) {
      const { [TAG]: tag, data } = value as { [TAG]: string; data: unknown };
      const revive = revivers.get(tag);
      return revive ? revive(data) : data;
    }
    return value;
  });
}
