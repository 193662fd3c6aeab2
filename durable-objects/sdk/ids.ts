/**
 * Ids of the author API's objects. Workers forbid random values at module scope, and an app may
 * well build a `cl.Message`, `cl.Action`, `cl.Step` or element there (a shared button, a canned
 * answer), so such objects get a fixed id from a per-isolate counter instead. Module scope runs
 * the same way in every isolate, so the id is stable and unique among module-scope objects; a
 * session's own objects keep their fresh uuids.
 */

let moduleScoped = 0;

/** A fresh uuid inside a request or hook; `module-N` when called at module scope. */
export function newId(): string {
  try {
    return crypto.randomUUID();
  } catch {
    // Only module scope refuses randomness ("Disallowed operation called within global scope").
    moduleScoped += 1;
    return `module-${moduleScoped}`;
  }
}
