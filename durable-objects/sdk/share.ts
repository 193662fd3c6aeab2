/**
 * `cl.onSharedThreadView`: the app decides who may read a thread its owner shared by link
 * (`features.allow_thread_sharing`). The Worker's share routes (worker/share.ts) ask it on every
 * read of a shared thread and of its files. Without a callback, anyone holding the link of a
 * shared thread may read it (that is what the owner shared); the callback can narrow that.
 */
import type { ElementData, StepData } from "../../protocol/frames.js";
import { HookRegisteredTwiceError } from "./hooks.js";
import type { User } from "./user.js";

/**
 * The thread `cl.onSharedThreadView` is asked about.
 * @example
 * cl.onSharedThreadView((thread: cl.SharedThread) => thread.userIdentifier !== "private@example.com");
 */
export interface SharedThread {
  id: string;
  name: string;
  createdAt: number;
  /** The owner's identifier. */
  userIdentifier: string;
  steps: StepData[];
  elements: ElementData[];
}

/**
 * The viewer: the signed-in user (or the anonymous visitor in public mode); null if nobody.
 * @example
 * cl.onSharedThreadView((_thread, viewer: cl.SharedThreadViewer) => viewer !== null);
 */
export type SharedThreadViewer = User | null;

/** @internal The shape of the `cl.onSharedThreadView` callback. */
export type SharedThreadView = (
  thread: SharedThread,
  viewer: SharedThreadViewer,
) => boolean | Promise<boolean>;

let view: SharedThreadView | null = null;

/**
 * Decides whether `viewer` (a signed-in user, the anonymous visitor in public mode, or null
 * when login is on and nobody is signed in) may read the shared `thread`. Return true to
 * allow; anything else (or a throw) answers 403.
 * @example
 * cl.onSharedThreadView(async (thread, viewer) => viewer?.identifier.endsWith("@example.com") ?? false);
 */
export function onSharedThreadView(fn: SharedThreadView): void {
  if (view && view !== fn) throw new HookRegisteredTwiceError("cl.onSharedThreadView");
  view = fn;
}

/** @internal The installed callback, if any (read by the Worker's share routes). */
export function sharedThreadView(): SharedThreadView | null {
  return view;
}

/** @internal Installs or removes the callback (tests). */
export function setSharedThreadView(fn: SharedThreadView | null): void {
  view = fn;
}
