import { SELF } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import type { ServerFrame } from "../../protocol/frames.js";
import { Client, installHooks, newChat, newSession, newVisitor } from "./harness.js";
import { storedUploads, upload, uploadPolicy } from "./uploads.js";

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

function errorOf(frame: ServerFrame): string {
  return frame.type === "error" ? frame.code : `not an error: ${frame.type}`;
}

describe("spontaneous uploads", () => {
  it("hands the attachments to onMessage, shows them on the user message, serves them to the owner only", async () => {
    const got: unknown[] = [];
    installHooks({
      message: async (m) => {
        for (const el of m.elements) {
          const file = el as cl.UploadedFile;
          got.push({
            name: file.name,
            mime: file.mime,
            size: file.size,
            type: file.type,
            text: await file.text(),
            bytes: (await file.bytes()).byteLength,
          });
        }
        await new cl.Message(`got ${m.elements.length}`).send();
      },
    });
    const { visitor, id, client } = await newChat();
    const notes = await upload(id, visitor, "notes.txt", "hello file");
    const pic = await upload(
      id,
      visitor,
      "../../pic.png",
      new Uint8Array([137, 80, 78, 71]),
      "image/png",
    );
    expect(notes.status).toBe(201);
    expect(notes.body).toMatchObject({ name: "notes.txt", mime: "text/plain", size: 10 });
    expect(pic.body.name).toBe("pic.png");
    client.send({
      type: "message",
      id: "m1",
      content: "see files",
      files: [notes.body.id ?? "", pic.body.id ?? ""],
    });
    await client.next((f) => f.type === "step" && f.step.output === "got 2");
    expect(got).toEqual([
      {
        name: "notes.txt",
        mime: "text/plain",
        size: 10,
        type: "file",
        text: "hello file",
        bytes: 10,
      },
      {
        name: "pic.png",
        mime: "image/png",
        size: 4,
        type: "image",
        text: expect.any(String),
        bytes: 4,
      },
    ]);
    const userStep = client.frames.find((f) => f.type === "step" && f.step.type === "user_message");
    const elements = client.frames.flatMap((f) => (f.type === "element" ? [f.element] : []));
    expect(elements.map((e) => [e.type, e.name, e.forId])).toEqual([
      ["file", "notes.txt", userStep?.type === "step" ? userStep.step.id : "?"],
      ["image", "pic.png", userStep?.type === "step" ? userStep.step.id : "?"],
    ]);
    const url = `http://edgelit.test${elements[0]?.url}`;
    const mine = await SELF.fetch(url, { headers: { cookie: visitor.cookie } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await mine.text()).toBe("hello file");
    const stranger = await newVisitor();
    const theirs = await SELF.fetch(url, { headers: { cookie: stranger.cookie } });
    expect(theirs.status).toBe(404);
    await theirs.arrayBuffer();
  });

  it("refuses a file over max_size_mb before storing it", async () => {
    restore = uploadPolicy({ maxSizeMb: 0.01 });
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    const big = await upload(id, visitor, "big.txt", "x".repeat(11_000));
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/too large/);
    const huge = await upload(id, visitor, "huge.txt", "x".repeat(200_000));
    expect(huge.status).toBe(413);
    expect(await storedUploads(id)).toEqual([]);
  });

  it("refuses a type outside accept (mime globs or {mime: [exts]})", async () => {
    restore = uploadPolicy({ accept: ["image/*", "text/plain"] });
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    const exe = await upload(id, visitor, "run.exe", "MZ", "application/x-msdownload");
    expect(exe.status).toBe(415);
    expect(exe.body.error).toMatch(/not accepted/);
    expect((await upload(id, visitor, "a.gif", "GIF8", "image/gif")).status).toBe(201);
    restore();
    restore = uploadPolicy({ accept: { "text/csv": [".csv"] } });
    expect((await upload(id, visitor, "data.csv", "a,b", "application/octet-stream")).status).toBe(
      201,
    );
    expect((await upload(id, visitor, "data.json", "{}", "application/json")).status).toBe(415);
    expect(await storedUploads(id)).toHaveLength(2);
  });

  it("refuses more than max_files pending files and more than max_files in one message", async () => {
    restore = uploadPolicy({ maxFiles: 2 });
    installHooks({
      message: async (m) => void (await new cl.Message(`n=${m.elements.length}`).send()),
    });
    const { visitor, id, client } = await newChat();
    const a = await upload(id, visitor, "a.txt", "a");
    const b = await upload(id, visitor, "b.txt", "b");
    const c = await upload(id, visitor, "c.txt", "c");
    expect([a.status, b.status, c.status]).toEqual([201, 201, 400]);
    expect(c.body.error).toMatch(/too many files/);
    expect(await storedUploads(id)).toHaveLength(2);
    client.send({
      type: "message",
      id: "m1",
      content: "three",
      files: [a.body.id ?? "", b.body.id ?? "", "c".repeat(36)],
    });
    expect(errorOf(await client.next((f) => f.type === "error"))).toBe("bad_frame");
    client.send({
      type: "message",
      id: "m2",
      content: "two",
      files: [a.body.id ?? "", b.body.id ?? ""],
    });
    await client.next((f) => f.type === "step" && f.step.output === "n=2");
    // Used files free their places.
    expect((await upload(id, visitor, "d.txt", "d")).status).toBe(201);
  });

  it("refuses forged, reused and other sessions' file ids with an error, storing nothing", async () => {
    const calls: string[] = [];
    installHooks({ message: (m) => void calls.push(m.content) });
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    const other = await newSession(visitor);
    const client = await Client.open(id, visitor);
    const theirs = await upload(other, visitor, "other.txt", "other session");
    const forged = crypto.randomUUID();
    for (const [n, files] of [
      [1, [forged]],
      [2, [theirs.body.id ?? ""]],
    ] as const) {
      client.send({ type: "message", id: `f${n}`, content: "forged", files: [...files] });
      expect(errorOf(await client.next((f) => f.type === "error"))).toBe("not_found");
    }
    const mine = await upload(id, visitor, "mine.txt", "mine");
    client.send({ type: "message", id: "ok", content: "real", files: [mine.body.id ?? ""] });
    await client.idle();
    client.send({ type: "message", id: "again", content: "reuse", files: [mine.body.id ?? ""] });
    expect(errorOf(await client.next((f) => f.type === "error"))).toBe("not_found");
    expect(calls).toEqual(["real"]);
    const users = client.frames.filter((f) => f.type === "step" && f.step.type === "user_message");
    expect(users).toHaveLength(1);
  });

  it("refuses uploads to another user's session and when uploads are disabled", async () => {
    const owner = await newVisitor();
    const id = await newSession(owner);
    const intruder = await newVisitor();
    const res = await upload(id, intruder, "x.txt", "x");
    expect(res.status).toBe(404);
    const bogus = await upload("not-a-session", owner, "x.txt", "x");
    expect(bogus.status).toBe(404);
    restore = uploadPolicy({ enabled: false });
    const off = await upload(id, owner, "x.txt", "x");
    expect(off.status).toBe(403);
    expect(await storedUploads(id)).toEqual([]);
  });

  it("forgets an attachment removed before sending (DELETE), only for the owner", async () => {
    restore = uploadPolicy({ maxFiles: 1 });
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    const a = await upload(id, visitor, "a.txt", "a");
    const url = `http://edgelit.test/api/sessions/${id}/files/${a.body.id}`;
    const stranger = await newVisitor();
    const refused = await SELF.fetch(url, {
      method: "DELETE",
      headers: { cookie: stranger.cookie },
    });
    expect(refused.status).toBe(404);
    await refused.arrayBuffer();
    const del = await SELF.fetch(url, { method: "DELETE", headers: { cookie: visitor.cookie } });
    expect(del.status).toBe(204);
    expect(await storedUploads(id)).toEqual([]);
    expect((await upload(id, visitor, "b.txt", "b")).status).toBe(201);
  });
});
