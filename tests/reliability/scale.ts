/**
 * How big each reliability run is: `short` in `npm test` (seconds), `full` for
 * `npm run test:reliability`. A seeded generator makes every run reproducible: a failure
 * prints its seed, and EDGELIT_SEED=<n> is not needed because the seed is fixed per scale.
 */
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    reliabilityScale: "short" | "full";
  }
}

export const FULL = inject("reliabilityScale") === "full";

/** `short` in npm test, `full` in test:reliability. */
export function scaled(short: number, full: number): number {
  return FULL ? full : short;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same run. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof random>;
