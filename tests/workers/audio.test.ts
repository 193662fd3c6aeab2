/**
 * Issue 15, speech (`[features.audio]`): `audio_start`, chunks, `audio_end` reach
 * `cl.onAudioStart`, `cl.onAudioChunk` (in order, bytes intact, `isStart` on the first) and
 * `cl.onAudioEnd` (a task that may answer). Attacks: audio turned off, chunks without a start,
 * an oversized chunk, a flood, a recording the app refuses, a second recording at once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { audioHooks } from "../../durable-objects/sdk/audio.js";
import * as cl from "../../durable-objects/sdk/index.js";
import { appConfig } from "../../protocol/app.js";
import { MAX_AUDIO_CHUNK_BYTES } from "../../protocol/audio.js";
import type { ServerFrame } from "../../protocol/frames.js";
import { quiet } from "../helpers/wait.js";
import { type Client, installHooks, newChat } from "./harness.js";

const b64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));
const piece = (index: number, bytes: number[]) =>
  ({ type: "audio_chunk", index, data: b64(bytes) }) as const;
/**
 * Starts a recording the way a browser does: its first chunk comes a quarter second later. (A
 * burst of frames may be handed to the object out of order; a chunk before its start is refused.)
 */
async function begin(client: Client, mimeType = "audio/webm"): Promise<void> {
  client.send({ type: "audio_start", mimeType });
  await new Promise((r) => setTimeout(r, 100));
}
const stop = (chunks: number) => ({ type: "audio_end", chunks }) as const;
const seen: { data: number[]; mimeType: string; isStart: boolean; elapsedMs: number }[] = [];
let starts = 0;
let ends = 0;
let allow = true;

function install(): void {
  installHooks({});
  for (const key of Object.keys(audioHooks) as (keyof typeof audioHooks)[]) delete audioHooks[key];
  cl.onAudioStart(() => {
    starts++;
    return allow;
  });
  cl.onAudioChunk((chunk) => {
    seen.push({ ...chunk, data: [...chunk.data] });
  });
  cl.onAudioEnd(async () => {
    ends++;
    await new cl.Message(`heard ${seen.length} chunks`).send();
  });
}

async function open(): Promise<Client> {
  install();
  appConfig.features.audio.enabled = true;
  return (await newChat()).client;
}

const refused = (client: Client, frame: string, code?: string) =>
  client.next(
    (f) => f.type === "error" && f.frame === frame && (!code || f.code === code),
    5000,
    true,
  );

afterEach(() => {
  appConfig.features.audio.enabled = false;
  seen.length = 0;
  starts = 0;
  ends = 0;
  allow = true;
});

describe("a recording", () => {
  it("reaches onAudioStart, every chunk in order, then onAudioEnd, which answers", async () => {
    const client = await open();
    await begin(client, "audio/webm;codecs=opus");
    client.send(piece(0, [1, 2, 3]));
    client.send(piece(1, [4, 5]));
    client.send(piece(2, [255, 0, 128]));
    client.send(stop(3));
    await client.next((f) => f.type === "step" && f.step.output === "heard 3 chunks");
    expect(starts).toBe(1);
    expect(ends).toBe(1);
    expect(seen.map((c) => c.data)).toEqual([
      [1, 2, 3],
      [4, 5],
      [255, 0, 128],
    ]);
    expect(seen.map((c) => c.isStart)).toEqual([true, false, false]);
    expect(new Set(seen.map((c) => c.mimeType))).toEqual(new Set(["audio/webm;codecs=opus"]));
    expect(seen.every((c, i) => c.elapsedMs >= (seen[i - 1]?.elapsedMs ?? 0))).toBe(true);
    expect(client.frames.filter((f) => f.type === "error")).toEqual([]);
  });

  it("hands chunks that arrive out of order to the app in order, their times never going back", async () => {
    const client = await open();
    await begin(client);
    client.send(piece(1, [2]));
    // Real time between the two, so the later-sent chunk 0 is timed after chunk 1.
    await new Promise((r) => setTimeout(r, 60));
    client.send(piece(0, [1]));
    client.send(stop(2));
    await client.next((f) => f.type === "step" && f.step.output === "heard 2 chunks");
    expect(seen.map((c) => c.data)).toEqual([[1], [2]]);
    expect(seen[1]?.elapsedMs).toBeGreaterThanOrEqual(seen[0]?.elapsedMs ?? Number.NaN);
    expect(seen[0]?.elapsedMs).toBeGreaterThanOrEqual(50);
  });

  it("is refused when [features.audio] is off, and no hook runs", async () => {
    const client = await open();
    appConfig.features.audio.enabled = false;
    await begin(client, "audio/webm");
    const error = await refused(client, "audio_start", "bad_frame");
    expect(error.type === "error" && error.message).toMatch(/features\.audio/);
    expect(starts).toBe(0);
  });
});

describe("chunks out of order", () => {
  it("reach the app in index order, and the end waits for the last one", async () => {
    const client = await open();
    await begin(client, "audio/ogg");
    client.send(piece(1, [11]));
    client.send(piece(0, [10]));
    client.send(stop(3));
    await quiet(200);
    expect(ends).toBe(0);
    client.send(piece(2, [12]));
    await client.next((f) => f.type === "step" && f.step.output === "heard 3 chunks");
    expect(seen.map((c) => c.data)).toEqual([[10], [11], [12]]);
    expect(seen.map((c) => c.isStart)).toEqual([true, false, false]);
  });

  it("refuses a repeated chunk, one far ahead, and an end counting fewer than were sent", async () => {
    const client = await open();
    await begin(client, "audio/ogg");
    client.send(piece(0, [1]));
    client.send(piece(0, [1]));
    await client.next((f) => f.type === "error" && /already sent/.test(f.message));
    client.send(piece(500, [1]));
    await client.next((f) => f.type === "error" && /too far ahead/.test(f.message));
    client.send(stop(0));
    await refused(client, "audio_end", "bad_frame");
    client.send(stop(1));
    await client.next((f) => f.type === "step" && f.step.output === "heard 1 chunks");
  });
});

describe("attacks on audio frames", () => {
  it("ends a recording whose far-ahead chunk came before the ones it follows (refused, skipped)", async () => {
    const client = await open();
    await begin(client, "audio/webm");
    // Handed over out of order: chunk 70 before chunk 0 is too far ahead and refused. The end
    // must not wait for it (it did, forever, and the recording never ended).
    client.send(piece(70, [70]));
    await client.next((f) => f.type === "error" && /too far ahead/.test(f.message));
    for (let i = 0; i < 75; i++) if (i !== 70) client.send(piece(i, [i]));
    client.send(stop(75));
    await client.next((f) => f.type === "step" && f.step.output.startsWith("heard "), 5000);
    const refusals = client.frames.filter(
      (f: ServerFrame) => f.type === "error" && f.frame === "audio_chunk",
    );
    expect(refusals.length + seen.length).toBe(75);
    expect(seen.map((c) => c.data[0])).not.toContain(70);
  });

  it("drops a recording sent so far out of order that it would fill memory", async () => {
    const client = await open();
    await begin(client, "audio/webm");
    // Chunk 0 never comes; every later one waits for it, refused or not.
    for (let i = 1; i <= 300; i++) client.send(piece(i, [1]));
    await client.next((f) => f.type === "error" && /out of order/.test(f.message), 5000);
    client.send(piece(0, [1]));
    await client.next((f) => f.type === "error" && /audio_start first/.test(f.message), 5000);
    expect(seen).toEqual([]);
  });

  it("refuses chunks and an end without a start", async () => {
    const client = await open();
    client.send(piece(0, [1]));
    const error = await refused(client, "audio_chunk", "bad_frame");
    expect(error.type === "error" && error.message).toMatch(/audio_start first/);
    client.send(stop(1));
    await refused(client, "audio_end", "bad_frame");
    expect(seen).toEqual([]);
    expect(ends).toBe(0);
  });

  it("refuses an oversized chunk and a chunk that is not base64", async () => {
    const client = await open();
    await begin(client, "audio/webm");
    const big = btoa("x".repeat(MAX_AUDIO_CHUNK_BYTES + 3));
    client.send({ type: "audio_chunk", index: 0, data: big });
    const error = await client.next((f) => f.type === "error" && /data/.test(f.message));
    expect(error.type === "error" && error.message).toMatch(/at most 65536 bytes/);
    client.send({ type: "audio_chunk", index: 0, data: "a" });
    await client.next((f) => f.type === "error" && /base64/.test(f.message));
    client.send(stop(1));
    await client.next((f) => f.type === "step" && f.step.output === "heard 0 chunks");
    expect(seen).toEqual([]);
  });

  it("drops a flood of chunks over the rate, saying so, and keeps the recording", async () => {
    const client = await open();
    await begin(client, "audio/webm");
    for (let i = 0; i < 200; i++) client.send(piece(i, [i]));
    client.send(stop(200));
    await client.next((f) => f.type === "step" && f.step.output.startsWith("heard "), 10_000);
    const refusals = () =>
      client.frames.filter((f: ServerFrame) => f.type === "error" && f.frame === "audio_chunk");
    // Every chunk is delivered or refused with a reason: none is lost silently. (A chunk the
    // runtime hands over after the end is refused as outside a recording.)
    for (let i = 0; i < 30 && refusals().length + seen.length < 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(refusals().length + seen.length).toBe(200);
    const limited = refusals().filter((f) => f.type === "error" && f.code === "rate_limited");
    expect(limited.length).toBeGreaterThan(100);
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.length).toBeLessThan(60);
    // The chunks kept reach the app in their order.
    const order = seen.map((c) => c.data[0] ?? -1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("delivers nothing of a recording the app refused", async () => {
    allow = false;
    const client = await open();
    await begin(client, "audio/webm");
    client.send(piece(0, [1]));
    await refused(client, "audio_start");
    client.send(piece(1, [2]));
    await refused(client, "audio_chunk", "bad_frame");
    expect(starts).toBe(1);
    expect(seen).toEqual([]);
    expect(ends).toBe(0);
  });

  it("refuses a second recording while one runs, in another tab too", async () => {
    const client = await open();
    client.send({ type: "audio_start", mimeType: "audio/webm" });
    await begin(client, "audio/webm");
    await refused(client, "audio_start", "busy");
    client.send(stop(0));
    await client.next((f) => f.type === "step" && f.step.output === "heard 0 chunks");
    expect(starts).toBe(1);
  });

  it("refuses a MIME type that is not audio", async () => {
    const client = await open();
    client.send({ type: "audio_start", mimeType: "text/html" } as never);
    await client.next((f) => f.type === "error" && /audio MIME type/.test(f.message));
    expect(starts).toBe(0);
  });
});
