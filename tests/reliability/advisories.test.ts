/**
 * Regression tests named after the classes of Chainlit's published advisories, each as an
 * attacker would try it against an Edgelit app: a client-chosen path, a client URL the server
 * would fetch, session id reuse, a thread owner not checked on connect, an unauthenticated file
 * read, open CORS, and path traversal.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { Client, installHooks, newChat, newSession, newVisitor } from "../workers/harness.js";
import { storedUploads, upload } from "../workers/uploads.js";

const BASE = "http://edgelit.test";

describe("Chainlit advisory classes", () => {
  it("client path: a file name never chooses where or what the server reads or writes", async () => {
    installHooks({});
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    const sent = await upload(id, visitor, "../../../../wrangler.toml", "x");
    expect(sent.status).toBe(201);
    expect(sent.body.name).toBe("wrangler.toml");
    const keys = await storedUploads(id);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^sessions/${id}/uploads/[0-9a-f-]{36}$`));
    const listed = await env.FILES.list();
    expect(listed.objects.every((o) => o.key.startsWith("sessions/"))).toBe(true);
  });

  it("client URL fetched: no frame makes the server fetch a URL the client chose", async () => {
    installHooks({
      chatStart: async () => {
        await new cl.Message({
          content: "el",
          elements: [new cl.CustomElement({ name: "Counter", props: { n: 0 }, display: "inline" })],
        }).send();
      },
    });
    const { client } = await newChat();
    const el = await client.next((f) => f.type === "element", 5_000, true);
    if (el.type !== "element") throw new Error("no element");
    const outbound: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      outbound.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    }) as typeof fetch;
    try {
      client.send({
        type: "element_props",
        id: el.element.id,
        props: { url: "http://169.254.169.254/" },
      });
      client.send(JSON.stringify({ type: "hello", lastSeq: 0, url: "http://169.254.169.254/" }));
      client.send(
        JSON.stringify({ type: "message", id: "u", content: "hi", url: "http://x.test/" }),
      );
      const pong = client.next((f) => f.type === "pong");
      client.send({ type: "ping" });
      await pong;
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(outbound).toEqual([]);
    const updated = client.frames.findLast((f) => f.type === "element");
    expect(updated?.type === "element" && updated.element.url).toBe(el.element.url);
  });

  it("session id reuse: an id is fresh per request and belongs to its creator only", async () => {
    installHooks({});
    const ada = await newVisitor();
    const eve = await newVisitor();
    const ids = new Set(await Promise.all([1, 2, 3].map(() => newSession(ada))));
    expect(ids.size).toBe(3);
    const [id = ""] = [...ids];
    const res = await SELF.fetch(`${BASE}/ws/${id}`, {
      headers: { Upgrade: "websocket", cookie: eve.cookie },
    });
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });

  it("thread owner on connect: another user's thread cannot be opened, renamed or deleted", async () => {
    installHooks({ message: async () => void (await new cl.Message("secret").send()) });
    const ada = await newVisitor();
    const eve = await newVisitor();
    const id = await newSession(ada);
    const client = await Client.open(id, ada);
    client.send({ type: "message", id: "1", content: "mine" });
    await client.next((f) => f.type === "step" && f.step.output === "secret");
    for (const [method, path] of [
      ["GET", `/api/threads/${id}`],
      ["PATCH", `/api/threads/${id}`],
      ["DELETE", `/api/threads/${id}`],
      ["GET", `/ws/${id}`],
    ] as const) {
      const res = await SELF.fetch(`${BASE}${path}`, {
        method,
        headers: {
          cookie: eve.cookie,
          "content-type": "application/json",
          ...(path.startsWith("/ws/") ? { Upgrade: "websocket" } : {}),
        },
        body: method === "PATCH" ? JSON.stringify({ name: "pwned" }) : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(404);
      await res.arrayBuffer();
    }
  });

  it("unauthenticated file read: an upload or element is served to its owner only", async () => {
    installHooks({});
    const ada = await newVisitor();
    const id = await newSession(ada);
    const sent = await upload(id, ada, "note.txt", "private");
    const path = `${BASE}/api/sessions/${id}/elements/${sent.body.id}`;
    const mine = await SELF.fetch(path, { headers: { cookie: ada.cookie } });
    expect(await mine.text()).toBe("private");
    const eve = await newVisitor();
    const callers: Record<string, string>[] = [
      {},
      { cookie: eve.cookie },
      { cookie: "edgelit_session=forged" },
    ];
    for (const headers of callers) {
      const res = await SELF.fetch(path, { headers });
      expect(res.status).not.toBe(200);
      expect(await res.text()).not.toContain("private");
    }
  });

  it("open CORS: no route allows another origin to read or write", async () => {
    const visitor = await newVisitor();
    for (const [method, path] of [
      ["OPTIONS", "/api/threads"],
      ["GET", "/api/threads"],
      ["GET", "/api/config"],
      ["POST", "/api/sessions"],
    ] as const) {
      const res = await SELF.fetch(`${BASE}${path}`, {
        method,
        headers: {
          cookie: visitor.cookie,
          origin: "https://evil.test",
          "access-control-request-method": "POST",
        },
      });
      expect(res.headers.get("access-control-allow-origin"), `${method} ${path}`).toBeNull();
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
      if (method === "POST") expect(res.status).toBe(403);
      await res.arrayBuffer();
    }
  });

  it("path traversal: encoded dots and slashes reach no file outside what is served", async () => {
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    for (const path of [
      `/api/sessions/${id}/elements/..%2f..%2f..%2fwrangler.toml`,
      `/api/sessions/${id}/elements/%2e%2e%2fuploads`,
      `/api/sessions/..%2f${id}/steps/x`,
      "/public/..%2f..%2fwrangler.toml",
      "/public/%2e%2e/%2e%2e/package.json",
    ]) {
      const res = await SELF.fetch(`${BASE}${path}`, { headers: { cookie: visitor.cookie } });
      const text = await res.text();
      expect(text, path).not.toMatch(/compatibility_date|"dependencies"/);
      expect(res.status, path).toBeLessThan(500);
    }
  });
});
