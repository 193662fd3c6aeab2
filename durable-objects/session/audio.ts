/**
 * The microphone's frames: `audio_start`, `audio_chunk`…, `audio_end`. One recording per
 * session at a time, owned by the socket that started it. Checks run as a frame arrives; the
 * hooks run one after another on a queue, in chunk `index` order (the runtime may hand frames
 * of a burst over out of order), and `cl.onAudioEnd` runs once every chunk up to the count the
 * client gave is delivered or refused.
 *
 * The recording lives in memory: it streams a chunk every fraction of a second, so the object
 * cannot hibernate during one; a recording cut by an eviction or a closed socket is dropped,
 * and a later chunk is refused ("no recording"), which stops the client's microphone.
 */

import { appConfig } from "../../protocol/app.js";
import type { ClientFrame } from "../../protocol/frames.js";
import { audioHooks } from "../sdk/audio.js";
import { withinLimit } from "./limits.js";
import type { Session } from "./session.js";
import { reply } from "./sockets.js";

/** Largest recording, in bytes (OpenAI's transcription endpoint takes up to 25 MB). */
export const MAX_RECORDING_BYTES = 25 * 1024 * 1024;
/** Chunks allowed per second of recording (a browser sends 4 to 10), plus a starting burst. */
const CHUNKS_PER_SECOND = 20;
const CHUNK_BURST = 10;
/** How far ahead of the next expected chunk one may arrive (and wait in memory). */
const REORDER_WINDOW = 64;
/**
 * Chunks waiting ahead of the next one, kept or remembered as refused: a chunk inside the window
 * adds at most REORDER_WINDOW of them, so more means a flood of far-ahead chunks, and the client
 * is not sending one recording in order; it is dropped.
 */
const MAX_AHEAD = 4 * REORDER_WINDOW;

interface Recording {
  ws: WebSocket;
  mimeType: string;
  startedAt: number;
  /** Chunks accepted (counted against the flood limit). */
  accepted: number;
  bytes: number;
  /** The next index to hand to the app. */
  next: number;
  /**
   * `elapsedMs` of the chunk last handed to the app. Chunks are timed as they arrive, and two
   * frames may finish their checks in either order; the app gets them in index order with times
   * that never go back.
   */
  lastElapsedMs: number;
  /** Arrived ahead of `next`: the chunk, or null for one refused (skipped). */
  waiting: Map<number, { data: Uint8Array; elapsedMs: number } | null>;
  /** Set by `audio_end`: how many chunks the client sent. */
  total?: number;
  /** Resolves false when the rate limit or the app refused the recording. */
  allowed: Promise<boolean>;
}

const recordings = new WeakMap<Session, Recording>();
const queues = new WeakMap<Session, Promise<void>>();

/** Runs `job` after every job queued before it for this session. */
function enqueue(session: Session, job: () => Promise<void>): Promise<void> {
  const turn = (queues.get(session) ?? Promise.resolve()).then(job);
  queues.set(
    session,
    turn.catch(() => undefined),
  );
  return turn;
}

type AudioFrame = Extract<ClientFrame, { type: "audio_start" | "audio_chunk" | "audio_end" }>;

export function handleAudio(session: Session, ws: WebSocket, frame: AudioFrame): Promise<void> {
  if (!appConfig.features.audio.enabled) {
    reply(ws, "bad_frame", "audio is not enabled ([features.audio] enabled = true)", frame.type);
    return Promise.resolve();
  }
  if (frame.type === "audio_start") return start(session, ws, frame.mimeType);
  const recording = recordings.get(session);
  if (!recording || recording.ws !== ws) {
    reply(ws, "bad_frame", "no recording started: send audio_start first", frame.type);
    return Promise.resolve();
  }
  const total = recording.total;
  if (frame.type === "audio_chunk") {
    if (total === undefined || frame.index < total) {
      return chunk(session, recording, frame.index, frame.data);
    }
    reply(ws, "bad_frame", `the recording ended after ${total} chunks`, "audio_chunk");
    return Promise.resolve();
  }
  if (total !== undefined) {
    reply(ws, "bad_frame", "the recording already ended", "audio_end");
    return Promise.resolve();
  }
  if (frame.chunks < recording.next) {
    reply(ws, "bad_frame", `more than ${frame.chunks} chunks were sent`, "audio_end");
    return Promise.resolve();
  }
  recording.total = frame.chunks;
  return flush(session, recording);
}

function start(session: Session, ws: WebSocket, mimeType: string): Promise<void> {
  if (recordings.get(session)) {
    reply(ws, "busy", "a recording is already running in this chat", "audio_start");
    return Promise.resolve();
  }
  let settle: (ok: boolean) => void = () => undefined;
  const allowed = new Promise<boolean>((resolve) => {
    settle = resolve;
  });
  const recording: Recording = {
    ws,
    mimeType,
    startedAt: Date.now(),
    accepted: 0,
    bytes: 0,
    next: 0,
    waiting: new Map(),
    lastElapsedMs: 0,
    allowed,
  };
  recordings.set(session, recording);
  return enqueue(session, async () => {
    let ok = await withinLimit(session, ws, "audio_start");
    const onStart = audioHooks.start;
    if (ok && onStart) {
      ok = false;
      await session.runHook("onAudioStart", async () => {
        ok = (await onStart()) !== false;
      });
      if (!ok) reply(ws, "bad_frame", "the app refused the recording", "audio_start");
    }
    if (!ok && recordings.get(session) === recording) recordings.delete(session);
    settle(ok);
  });
}

function chunk(session: Session, rec: Recording, index: number, base64: string): Promise<void> {
  const refuse = (code: "bad_frame" | "rate_limited" | "too_large", message: string) => {
    reply(rec.ws, code, message, "audio_chunk");
    // A refused chunk is skipped, so the ones after it still reach the app.
    if (index >= rec.next && !rec.waiting.has(index)) rec.waiting.set(index, null);
    return flush(session, rec);
  };
  if (index < rec.next || rec.waiting.has(index)) {
    reply(rec.ws, "bad_frame", `chunk ${index} was already sent`, "audio_chunk");
    return Promise.resolve();
  }
  if (index >= rec.next + REORDER_WINDOW) {
    // Chunks inside the window are at most REORDER_WINDOW; only far-ahead markers can pile up.
    if (rec.waiting.size >= MAX_AHEAD) {
      reply(
        rec.ws,
        "bad_frame",
        "too many chunks out of order: the recording was dropped",
        "audio_chunk",
      );
      if (recordings.get(session) === rec) recordings.delete(session);
      return Promise.resolve();
    }
    // Its bytes are not kept, but it is skipped like any refused chunk: the end must not wait
    // for it.
    return refuse("bad_frame", `chunk ${index} is too far ahead of chunk ${rec.next}`);
  }
  const elapsedMs = Date.now() - rec.startedAt;
  if (rec.accepted >= CHUNK_BURST + (elapsedMs / 1000) * CHUNKS_PER_SECOND) {
    return refuse("rate_limited", "audio chunks are arriving too fast; this one was dropped");
  }
  const data = decodeBase64(base64);
  if (!data) return refuse("bad_frame", "audio chunk is not valid base64");
  if (rec.bytes + data.byteLength > MAX_RECORDING_BYTES) {
    return refuse("too_large", `a recording holds at most ${MAX_RECORDING_BYTES} bytes`);
  }
  if (elapsedMs > appConfig.features.audio.max_seconds * 1000) {
    return refuse("too_large", "the recording is longer than [features.audio] max_seconds");
  }
  rec.accepted++;
  rec.bytes += data.byteLength;
  rec.waiting.set(index, { data, elapsedMs });
  return flush(session, rec);
}

/** Hands the chunks that are next in order to the app; ends the recording when all are in. */
function flush(session: Session, rec: Recording): Promise<void> {
  const jobs: Promise<void>[] = [];
  const onChunk = audioHooks.chunk;
  while (rec.waiting.has(rec.next)) {
    const piece = rec.waiting.get(rec.next);
    rec.waiting.delete(rec.next);
    const isStart = rec.next === 0;
    rec.next++;
    if (!piece || !onChunk) continue;
    rec.lastElapsedMs = Math.max(rec.lastElapsedMs, piece.elapsedMs);
    const payload = {
      data: piece.data,
      mimeType: rec.mimeType,
      isStart,
      elapsedMs: rec.lastElapsedMs,
    };
    jobs.push(
      enqueue(session, async () => {
        if (await rec.allowed) await session.runHook("onAudioChunk", () => onChunk(payload));
      }),
    );
  }
  if (rec.total !== undefined && rec.next >= rec.total && recordings.get(session) === rec) {
    recordings.delete(session);
    jobs.push(finish(session, rec));
  }
  return Promise.all(jobs).then(() => undefined);
}

/**
 * After the chunks queued before it, but off the queue itself: onAudioEnd is a task (it may
 * ask, stream, be stopped), and the next recording must not wait for the answer.
 */
function finish(session: Session, rec: Recording): Promise<void> {
  const onEnd = audioHooks.end;
  return enqueue(session, async () => undefined).then(async () => {
    if ((await rec.allowed) && onEnd) await session.runTask("onAudioEnd", onEnd);
  });
}

/** The bytes of a base64 string, or null when it is not base64. */
function decodeBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** The socket went away: its recording is dropped (no onAudioEnd: the user did not stop it). */
export function dropRecording(session: Session, ws: WebSocket): void {
  if (recordings.get(session)?.ws === ws) recordings.delete(session);
}
