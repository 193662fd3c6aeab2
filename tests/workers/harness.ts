/**
 * Test harness for the runtime tests: install hooks per test, create sessions through the
 * Worker's public routes, and talk to them over real WebSockets with time-bounded waits.
 */
import { type HookRegistry, hooks } from "../../durable-objects/sdk/hooks.js";

/** Replaces every hook with the given ones. */
export function installHooks(next: Partial<HookRegistry>): void {
  for (const key of Object.keys(hooks) as (keyof HookRegistry)[]) {
    if (key !== "actions") delete hooks[key];
  }
  hooks.actions.clear();
  Object.assign(hooks, { ...next, actions: next.actions ?? new Map() });
}

export {
  Client,
  newSession,
  newVisitor,
  transcript,
  type Visitor,
} from "../../testing/client.js";
