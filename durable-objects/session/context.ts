/**
 * The ambient context of author code. Every hook runs inside `hookScope.run(...)`, so the
 * author API (`new cl.Message(...).send()`, `cl.userSession`, …) finds its session without an
 * argument, and steps find their parent.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { SessionDoor } from "./door.js";
import type { HookRun } from "./hook-run.js";

export interface HookScope {
  /** The session, through the verbs author code may use (never its store or emitter). */
  session: SessionDoor;
  /** The stoppable hook run this code belongs to, if any (onMessage, actions, …). */
  run: HookRun | null;
  /** The step new steps and messages become children of. */
  parentId: string | null;
}

export const hookScope = new AsyncLocalStorage<HookScope>();

/** The current scope; throws a clear error when author API is used outside a hook. */
export function currentScope(): HookScope {
  const scope = hookScope.getStore();
  if (!scope) {
    throw new Error(
      "Edgelit: this call needs a chat session; call it from inside a hook (cl.onMessage, cl.onChatStart, …)",
    );
  }
  return scope;
}

/** Thrown into author code that keeps emitting after its task was stopped. */
export class TaskCancelledError extends Error {
  override name = "TaskCancelledError";
  constructor() {
    super("Task manually stopped.");
  }
}
