/**
 * Uploads must not let one request exhaust the isolate's memory or one user the bucket: the
 * declared length is checked before a byte is read, the body streams to R2, a daily quota
 * bounds each user, and files of a question that timed out are deleted.
 */
import { env, SELF } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { appConfig } from "../../protocol/app.js";
import { DEFAULT_UPLOAD_MAX_SIZE_MB } from "../../protocol/config.js";
import { UPLOAD_QUOTA } from "../../worker/upload-quota.js";
import { useAlarmClock } from "./alarms.js";
import { Client, installHooks, newSession, newVisitor, type Visitor } from "./harness.js";
import { storedUploads, upload, uploadPolicy } from "./uploads.js";

const MB = 1024 * 1024;
const quotaBefore = { ...UPLOAD_QUOTA };
let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
  Object.assign(UPLOAD_QUOTA, quotaBefore);
});

function filesUrl(id: string, name = "f.bin") {
  return `http://edgelit.test/api/sessions/${id}/files?name=${encodeURIComponent(name)}`;
}

/** A body that declares `length` bytes, sends one chunk and then never another. */
function stalledBody(length: number) {
  const fixed = new FixedLengthStream(length);
  const writer = fixed.writable.getWriter();
  void writer.write(new Uint8Array(1024).fill(1)).catch(() => {});
  return {
    body: fixed.readable,
    stop: () => writer.abort(new Error("client gone")).catch(() => {}),
  };
}

async function sha256(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function session(): Promise<{ visitor: Visitor; id: string }> {
  const visitor = await newVisitor();
  return { visitor, id: await newSession(visitor) };
}

describe("upload size", () => {
  it("defaults max_size_mb to 20 MB", () => {
    expect(DEFAULT_UPLOAD_MAX_SIZE_MB).toBe(20);
    expect(appConfig.features.spontaneous_file_upload.maxSizeMb).toBe(20);
  });

  it("refuses an oversized Content-Length before reading the body", async () => {
    const { visitor, id } = await session();
    // 100 MB declared, one KB sent, then nothing: only a refusal up front can answer.
    const stalled = stalledBody(100 * MB);
    const started = Date.now();
    const res = await SELF.fetch(filesUrl(id), {
      method: "POST",
      headers: { cookie: visitor.cookie, "content-type": "application/octet-stream" },
      body: stalled.body,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /too large: the limit is 20 MB/,
    );
    expect(Date.now() - started).toBeLessThan(3000);
    await stalled.stop();
    expect(await storedUploads(id)).toEqual([]);
  });

  it("refuses a body without Content-Length and a multipart form, storing nothing", async () => {
    const { visitor, id } = await session();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(10));
        controller.close();
      },
    });
    const chunked = await SELF.fetch(filesUrl(id), {
      method: "POST",
      headers: { cookie: visitor.cookie },
      body: stream,
    });
    expect(chunked.status).toBe(411);
    expect(((await chunked.json()) as { error: string }).error).toMatch(/Content-Length/);
    const form = new FormData();
    form.append("file", new File(["x"], "x.txt"));
    const multipart = await SELF.fetch(filesUrl(id), {
      method: "POST",
      headers: { cookie: visitor.cookie },
      body: form,
    });
    expect(multipart.status).toBe(415);
    await multipart.arrayBuffer();
    expect(await storedUploads(id)).toEqual([]);
  });

  it("streams a 15 MB file into R2 intact", async () => {
    const { visitor, id } = await session();
    const bytes = new Uint8Array(15 * MB);
    for (let i = 0; i < bytes.length; i += 65536)
      crypto.getRandomValues(bytes.subarray(i, i + 65536));
    const res = await upload(id, visitor, "big.bin", bytes, "application/octet-stream");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "big.bin", size: bytes.length });
    const stored = await env.FILES.get(`sessions/${id}/uploads/${res.body.id}`);
    expect(stored?.size).toBe(bytes.length);
    expect(await sha256((await stored?.arrayBuffer()) ?? new ArrayBuffer(0))).toBe(
      await sha256(bytes),
    );
  });

  it("refuses a body shorter than its Content-Length, storing nothing", async () => {
    const { visitor, id } = await session();
    const stalled = stalledBody(4096);
    const pending = SELF.fetch(filesUrl(id), {
      method: "POST",
      headers: { cookie: visitor.cookie, "content-type": "application/octet-stream" },
      body: stalled.body,
    });
    // Real time for the request to reach the Worker before its body stalls.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stalled.stop();
    const res = await pending.catch(() => null);
    if (res) {
      expect(res.status).toBe(400);
      await res.arrayBuffer();
    }
    expect(await storedUploads(id)).toEqual([]);
  });
});

describe("upload quota", () => {
  it("refuses with 429 and a clear error once a user's daily bytes are spent", async () => {
    UPLOAD_QUOTA.userBytesPerDay = 3 * MB;
    restore = uploadPolicy({ maxFiles: 10 });
    const { visitor, id } = await session();
    const other = await newSession(visitor);
    const mb = new Uint8Array(MB);
    expect((await upload(id, visitor, "1.bin", mb)).status).toBe(201);
    expect((await upload(id, visitor, "2.bin", mb)).status).toBe(201);
    // Another session of the same user draws on the same quota.
    expect((await upload(other, visitor, "3.bin", mb)).status).toBe(201);
    const over = await upload(other, visitor, "4.bin", mb);
    expect(over.status).toBe(429);
    expect(over.body.error).toMatch(/upload quota reached: at most 3 MB of files per day/);
    // A refused upload costs nothing, and another user has their own quota.
    const stranger = await session();
    expect((await upload(stranger.id, stranger.visitor, "5.bin", mb)).status).toBe(201);
    expect(await storedUploads(other)).toHaveLength(1);
  });

  it("bounds a client IP that throws away anonymous cookies", async () => {
    UPLOAD_QUOTA.ipBytesPerDay = 2 * MB;
    const ip = { "cf-connecting-ip": "203.0.113.77" };
    const mb = new Uint8Array(MB);
    for (const expected of [201, 201, 429]) {
      const { visitor, id } = await session();
      expect((await upload(id, visitor, "x.bin", mb, "text/plain", ip)).status).toBe(expected);
    }
  });
});

describe("asks that end unanswered", () => {
  it("delete the files uploaded for them", async () => {
    installHooks({
      chatStart: async () => {
        const files = await new cl.AskFileMessage({ content: "Upload", timeout: 60 }).send();
        await new cl.Message(files === undefined ? "timed out" : "got files").send();
      },
    });
    const { visitor, id } = await session();
    const client = await Client.open(id, visitor);
    await client.next((f) => f.type === "ask" && f.ask !== null, 5000, true);
    const up = await upload(id, visitor, "late.txt", "never sent");
    expect(up.status).toBe(201);
    expect(await storedUploads(id)).toHaveLength(1);
    // A minute later on the clock, the session's alarm ends the ask.
    const clock = useAlarmClock();
    const timedOut = client.next((f) => f.type === "step" && f.step.output === "timed out", 5000);
    await vi.waitFor(() => clock.runAlarm(id, 61_000).then((ran) => expect(ran).toBe(true)), {
      timeout: 5000,
      interval: 100,
    });
    await timedOut;
    clock.restore();
    expect(await storedUploads(id)).toEqual([]);
    client.close();
  });
});
