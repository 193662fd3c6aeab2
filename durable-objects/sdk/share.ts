/**
 * `cl.onSharedThreadView`: the app decides who may read a thread its owner shared by link
 * (`features.allow_thread_sharing`). The callback lives with the Worker's share routes
 * (worker/share-view.ts), which ask it on every read of a shared thread and of its files.
 */
import {
  type SharedThread,
  type SharedThreadView,
  type SharedThreadViewer,
  setSharedThreadView,
  sharedThreadView,
} from "../../worker/share-view.js";
import { HookRegisteredTwiceError } from "./hooks.js";

export type { SharedThread, SharedThreadViewer };

/**
 * Decides whether `viewer` (a signed-in user, the anonymous visitor in public mode, or null
 * when login is on and nobody is signed in) may read the shared `thread`. Return true to
 * allow; anything else (or a throw) answers 403. Without it, anyone with the link may read.
 * @example
 * cl.onSharedThreadView(async (thread, viewer) => viewer?.identifier.endsWith("@example.com") ?? false);
 */
export function onSharedThreadView(fn: SharedThreadView): void {
  const current = sharedThreadView();
  if (current && current !== fn) throw new HookRegisteredTwiceError("cl.onSharedThreadView");
  setSharedThreadView(fn);
}
