/**
 * The microphone's frames (`[features.audio]`): `audio_start`, numbered `audio_chunk`s of
 * base64 audio, `audio_end` with the count sent. Chunk size is capped here, before decoding,
 * so a client cannot make the session hold more than one bounded chunk per frame.
 * protocol/frames.ts places these schemas in the client frame union.
 */
import * as v from "valibot";

/** Largest audio chunk a client may send, in bytes (base64 in the frame: 4/3 of it). */
export const MAX_AUDIO_CHUNK_BYTES = 64 * 1024;
/** base64 characters of the largest chunk. */
const MAX_AUDIO_CHUNK_BASE64 = Math.ceil(MAX_AUDIO_CHUNK_BYTES / 3) * 4;

/** The user pressed the microphone (`features.audio`): a recording of `mimeType` starts. */
export const AudioStartFrameSchema = v.object({
  type: v.literal("audio_start"),
  mimeType: v.pipe(
    v.string(),
    v.maxLength(100),
    v.regex(/^audio\/[\w.+-]+(;[\w =.,"-]*)?$/, "must be an audio MIME type"),
  ),
});

/**
 * A piece of the recording, base64; only between `audio_start` and `audio_end`. `index`
 * counts from 0: the server hands pieces to the app in that order whatever order they arrive.
 */
export const AudioChunkFrameSchema = v.object({
  type: v.literal("audio_chunk"),
  index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
  data: v.pipe(
    v.string(),
    v.maxLength(MAX_AUDIO_CHUNK_BASE64, `must be at most ${MAX_AUDIO_CHUNK_BYTES} bytes`),
    v.regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64"),
  ),
});

/** The user stopped the recording after sending `chunks` pieces. */
export const AudioEndFrameSchema = v.object({
  type: v.literal("audio_end"),
  chunks: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
});
