/**
 * Cross-site requests and DNS rebinding: every state-changing request and WebSocket upgrade
 * must come from an allowed origin, and a local dev server answers only for localhost or an IP
 * address (a page on evil.test resolving to 127.0.0.1 is "same origin" with evil.test). File
 * names lose bidi override characters wherever they are accepted.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { api, d1Thread, identifierOf } from "./d1.js";
import { installHooks, newChat, newSession, newVisitor } from "./harness.js";
import { upload } from "./uploads.js";

const EVIL = "https://evil.example";

async function ownThread(name: string) {
  const visitor = await newVisitor();
  const id = crypto.randomUUID();
  const now = Date.now();
  await env.DB.prepare(
    "INSERT INTO threads (id, owner_identifier, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
  )
    .bind(id, await identifierOf(visitor), name, now, now)
    .run();
  return { visitor, id };
}

describe("Origin check on every state-changing request", () => {
  it("refuses a cross-site thread rename and delete, and allows same-origin ones", async () => {
    const { visitor, id } = await ownThread("mine");
    const rename = await api(visitor, `/api/threads/${id}`, {
      method: "PATCH",
      headers: { origin: EVIL },
      body: JSON.stringify({ name: "pwned" }),
    });
    expect(rename.status).toBe(403);
    await rename.arrayBuffer();
    const remove = await api(visitor, `/api/threads/${id}`, {
      method: "DELETE",
      headers: { origin: EVIL },
    });
    expect(remove.status).toBe(403);
    await remove.arrayBuffer();
    expect((await d1Thread(id))?.name).toBe("mine");
    const ok = await api(visitor, `/api/threads/${id}`, {
      method: "PATCH",
      headers: { origin: "http://edgelit.test" },
      body: JSON.stringify({ name: "renamed" }),
    });
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
  });

  it("refuses cross-site session creation, uploads, upload deletion and upgrades", async () => {
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    const create = await SELF.fetch("http://edgelit.test/api/sessions", {
      method: "POST",
      headers: { cookie: visitor.cookie, origin: EVIL },
    });
    expect(create.status).toBe(403);
    await create.arrayBuffer();
    const up = await upload(id, visitor, "a.txt", "a", "text/plain", { origin: EVIL });
    expect(up.status).toBe(403);
    const mine = await upload(id, visitor, "b.txt", "b");
    const del = await SELF.fetch(`http://edgelit.test/api/sessions/${id}/files/${mine.body.id}`, {
      method: "DELETE",
      headers: { cookie: visitor.cookie, origin: EVIL },
    });
    expect(del.status).toBe(403);
    await del.arrayBuffer();
    const ws = await SELF.fetch(`http://edgelit.test/ws/${id}`, {
      headers: { Upgrade: "websocket", cookie: visitor.cookie, origin: EVIL },
    });
    expect(ws.status).toBe(403);
    await ws.arrayBuffer();
  });
});

describe("DNS rebinding of a local dev server", () => {
  const DEV = "http://127.0.0.1:8787";
  const REBOUND = "http://evil.test:8787";

  async function devVisitor(base: string) {
    const res = await SELF.fetch(`${base}/api/config`);
    const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
    return { res, cookie };
  }

  it("refuses every request for a domain name on a dev port, even same-origin ones", async () => {
    const { res } = await devVisitor(REBOUND);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /development server answers only requests for localhost or an IP address/,
    );
    const post = await SELF.fetch(`${REBOUND}/api/sessions`, {
      method: "POST",
      headers: { origin: REBOUND },
    });
    expect(post.status).toBe(403);
    await post.arrayBuffer();
    // The client's own address says "this machine": a dev server, whatever the port.
    const local = await SELF.fetch("http://evil.test/api/config", {
      headers: { "cf-connecting-ip": "127.0.0.1" },
    });
    expect(local.status).toBe(403);
    await local.arrayBuffer();
    expect((await SELF.fetch(`${REBOUND}/health`)).status).toBe(200);
  });

  it("serves localhost, 127.x, [::1] and IP hosts, from loopback or IP origins only", async () => {
    for (const base of [DEV, "http://localhost:8787", "http://[::1]:8787", "http://127.1.2.3"]) {
      const { res } = await devVisitor(base);
      expect(res.status, base).toBe(200);
      await res.arrayBuffer();
    }
    const { cookie } = await devVisitor(DEV);
    const same = await SELF.fetch(`${DEV}/api/sessions`, {
      method: "POST",
      headers: { cookie, origin: DEV },
    });
    expect(same.status).toBe(201);
    await same.arrayBuffer();
    const rebound = await SELF.fetch(`${DEV}/api/sessions`, {
      method: "POST",
      headers: { cookie, origin: REBOUND },
    });
    expect(rebound.status).toBe(403);
    await rebound.arrayBuffer();
  });
});

describe("bidi characters in file names", () => {
  it("are stripped from uploads and elements, in frames and in downloads", async () => {
    installHooks({
      chatStart: async () => {
        await new cl.File({ name: "report\u202Efdp.exe", content: "MZ" }).send();
      },
      message: async () => {},
    });
    const { visitor, id, client } = await newChat();
    await client.idle();
    const up = await upload(id, visitor, "invoice\u202Etxt.exe\u2066\u2069", "MZ", "text/plain");
    expect(up.status).toBe(201);
    expect(up.body.name).toBe("invoicetxt.exe");
    const element = client.frames.find((f) => f.type === "element");
    const sent = element?.type === "element" ? element.element : undefined;
    expect(sent?.name).toBe("reportfdp.exe");
    const res = await SELF.fetch(`http://edgelit.test${sent?.url}`, {
      headers: { cookie: visitor.cookie },
    });
    expect(res.headers.get("content-disposition")).toBe(
      "attachment; filename*=UTF-8''reportfdp.exe",
    );
    await res.arrayBuffer();
    client.close();
  });
});
