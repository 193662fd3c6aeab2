/**
 * Who may open a shared thread: the app's `cl.onSharedThreadView` callback, kept here so the
 * Worker's share routes read it without reaching into the session's author API. Without a
 * callback, anyone holding the link of a shared thread may read it (that is what the owner
 * shared); the callback can narrow that to, say, signed-in users of one domain.
 */
import type { ElementData, StepData } from "../protocol/frames.js";
import type { AppEnv } from "./types.js";

/** The thread `cl.onSharedThreadView` is asked about. */
export interface SharedThread {
  id: string;
  name: string;
  createdAt: number;
  /** The owner's identifier. */
  userIdentifier: string;
  steps: StepData[];
  elements: ElementData[];
}

/** The viewer: the signed-in user (or the anonymous visitor in public mode); null if nobody. */
export type SharedThreadViewer = AppEnv["Variables"]["user"] | null;

export type SharedThreadView = (
  thread: SharedThread,
  viewer: SharedThreadViewer,
) => boolean | Promise<boolean>;

let view: SharedThreadView | null = null;

/** Installs the callback (`cl.onSharedThreadView`); null removes it. */
export function setSharedThreadView(fn: SharedThreadView | null): void {
  view = fn;
}

/** The installed callback, if any. */
export function sharedThreadView(): SharedThreadView | null {
  return view;
}
