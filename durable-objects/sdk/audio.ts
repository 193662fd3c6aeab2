/**
 * Speech from the microphone button (`[features.audio] enabled = true`): `cl.onAudioStart` may
 * refuse a recording, `cl.onAudioChunk` gets its pieces in order, `cl.onAudioEnd` runs when the
 * user stops (as a task: transcribe there, send the text as the user's message, answer).
 */
import { HookRegisteredTwiceError } from "./hooks.js";

type MaybePromise<T> = T | Promise<T>;

/**
 * One piece of a recording, as `cl.onAudioChunk` receives it.
 * @example
 * cl.onAudioChunk((chunk: cl.AudioChunk) => { if (chunk.isStart) console.log(chunk.mimeType); });
 */
export interface AudioChunk {
  /** The bytes of this piece (of a container such as WebM/Opus: concatenate them all). */
  data: Uint8Array;
  /** The recording's MIME type as the browser made it, e.g. "audio/webm;codecs=opus". */
  mimeType: string;
  /** True for the first piece of a recording. */
  isStart: boolean;
  /** Milliseconds since the recording started. */
  elapsedMs: number;
}

/** @internal The audio hooks the session runs. */
export const audioHooks: {
  start?: () => MaybePromise<unknown>;
  chunk?: (chunk: AudioChunk) => MaybePromise<unknown>;
  end?: () => MaybePromise<unknown>;
} = {};

function register<K extends keyof typeof audioHooks>(
  key: K,
  name: string,
  fn: NonNullable<(typeof audioHooks)[K]>,
): void {
  if (audioHooks[key] !== undefined && audioHooks[key] !== fn)
    throw new HookRegisteredTwiceError(`cl.${name}`);
  audioHooks[key] = fn;
}

/**
 * Runs when the user starts recording; return `false` to refuse (anything else accepts) (the UI stops and says so).
 * @example
 * cl.onAudioStart(() => { cl.userSession.set("audio", []); return true; });
 */
export function onAudioStart(fn: () => MaybePromise<unknown>): void {
  register("start", "onAudioStart", fn);
}

/**
 * Runs for each piece of the recording, in order.
 * @example
 * cl.onAudioChunk((chunk) => { chunks.push(chunk.data); });
 */
export function onAudioChunk(fn: (chunk: AudioChunk) => MaybePromise<unknown>): void {
  register("chunk", "onAudioChunk", fn);
}

/**
 * Runs when the recording ends (the user stopped, or `max_seconds` passed), as a task.
 * @example
 * cl.onAudioEnd(async () => {
 *   const text = await transcribe(chunks);
 *   await new cl.Message({ content: text, type: "user_message", author: "You" }).send();
 * });
 */
export function onAudioEnd(fn: () => MaybePromise<unknown>): void {
  register("end", "onAudioEnd", fn);
}
