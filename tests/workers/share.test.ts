/**
 * Issue 15, sharing a thread read-only by link (`features.allow_thread_sharing`,
 * `cl.onSharedThreadView`): the owner shares and unshares; a signed-out or other viewer reads
 * the shared thread (without actions or feedback) and its files only while it is shared; a
 * non-owner can neither share nor unshare; never-shared, unshared and refused threads do not
 * open; nothing about a share link opens the session's WebSocket.
 */
import { SELF } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { setSharedThreadView } from "../../durable-objects/sdk/share.js";
import { appConfig } from "../../protocol/app.js";
import type { SharedThreadPage, ShareStatus } from "../../worker/share.js";
import { waitFor } from "../helpers/wait.js";
import { api } from "./d1.js";
import { Client, installHooks, newSession, newVisitor, type Visitor } from "./harness.js";

/** A thread in D1 with an answer that has an action, feedback and a stored file. */
async function sharedCandidate(owner: Visitor) {
  const id = await newSession(owner);
  const client = await Client.open(id, owner);
  client.send({ type: "message", id: crypto.randomUUID(), content: "share me" });
  const answer = await client.next((f) => f.type === "step" && f.step.name === "Assistant");
  await client.idle();
  if (answer.type !== "step") throw new Error("no answer");
  client.send({ type: "feedback", stepId: answer.step.id, value: 1 });
  await client.next((f) => f.type === "feedback");
  client.close();
  // The file element and feedback reach D1 with the session's next write.
  await waitFor(async () => {
    const res = await api(owner, `/api/threads/${id}`);
    if (!res.ok) return false;
    const body = (await res.json()) as {
      elements: { url?: string }[];
      steps: { feedback?: unknown }[];
    };
    return body.elements.some((e) => e.url) && body.steps.some((s) => s.feedback);
  });
  return id;
}

const share = (v: Visitor, id: string, method: "POST" | "DELETE" | "GET") =>
  api(v, `/api/threads/${id}/share`, { method });
const view = (v: Visitor | null, id: string) =>
  v ? api(v, `/api/share/${id}`) : SELF.fetch(`http://edgelit.test/api/share/${id}`);

beforeEach(() => {
  appConfig.features.allow_thread_sharing = true;
  setSharedThreadView(null);
  installHooks({
    message: async () => {
      const file = new cl.File({ name: "notes.txt", content: "secret notes", mime: "text/plain" });
      await new cl.Message({
        content: "here",
        elements: [file],
        actions: [new cl.Action({ name: "go", payload: {} })],
      }).send();
    },
  });
});
afterEach(() => {
  appConfig.features.allow_thread_sharing = false;
  setSharedThreadView(null);
});

describe("sharing a thread", () => {
  it("the owner shares; anyone with the link reads it, read-only, and its files, until unshared", async () => {
    const owner = await newVisitor();
    const other = await newVisitor();
    const id = await sharedCandidate(owner);
    // Never shared: nobody reads it, not even its owner through the share route.
    expect((await view(other, id)).status).toBe(404);
    expect((await view(owner, id)).status).toBe(404);
    expect(await (await share(owner, id, "GET")).json()).toEqual({ shared: false });

    const made = await share(owner, id, "POST");
    expect(made.status).toBe(200);
    expect(await made.json()).toEqual<ShareStatus>({ shared: true, url: `/share/${id}` });
    for (const viewer of [owner, other, null]) {
      const res = await view(viewer, id);
      expect(res.status).toBe(200);
      const page = (await res.json()) as SharedThreadPage;
      expect(page.name).toBe("share me");
      expect(page.steps.map((s) => s.output)).toEqual(["share me", "here"]);
      // Read-only: no actions to click, no feedback shown, no owner identifier.
      expect(page.steps.some((s) => s.actions || s.feedback)).toBe(false);
      expect(JSON.stringify(page)).not.toContain("visitor:");
    }
    const page = (await (await view(other, id)).json()) as SharedThreadPage;
    const url = page.elements.find((e) => e.name === "notes.txt")?.url;
    expect(url).toMatch(new RegExp(`^/api/share/${id}/elements/`));
    const file = await SELF.fetch(`http://edgelit.test${url}`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe("secret notes");

    // Unshared: the page and the file are gone for everyone.
    expect((await share(owner, id, "DELETE")).status).toBe(204);
    for (const viewer of [owner, other, null]) expect((await view(viewer, id)).status).toBe(404);
    expect((await SELF.fetch(`http://edgelit.test${url}`)).status).toBe(404);
  });

  it("a non-owner can neither share, unshare nor read the status of someone's thread", async () => {
    const owner = await newVisitor();
    const other = await newVisitor();
    const id = await sharedCandidate(owner);
    for (const method of ["POST", "GET", "DELETE"] as const) {
      expect((await share(other, id, method)).status).toBe(404);
    }
    expect((await view(other, id)).status).toBe(404);
    await share(owner, id, "POST");
    expect((await share(other, id, "DELETE")).status).toBe(404);
    expect((await view(other, id)).status).toBe(200);
    // Ids that are not threads at all.
    expect((await share(owner, "../../etc", "POST")).status).toBe(404);
    expect((await view(other, crypto.randomUUID())).status).toBe(404);
  });

  it("onSharedThreadView decides who reads: a refusal is 403, files included", async () => {
    const owner = await newVisitor();
    const other = await newVisitor();
    const id = await sharedCandidate(owner);
    await share(owner, id, "POST");
    const asked: (string | null)[] = [];
    setSharedThreadView((thread, viewer) => {
      asked.push(viewer?.identifier ?? null);
      expect(thread.steps.length).toBe(2);
      return viewer?.identifier === thread.userIdentifier;
    });
    expect((await view(owner, id)).status).toBe(200);
    expect((await view(other, id)).status).toBe(403);
    const url = `/api/share/${id}/elements/${crypto.randomUUID()}`;
    expect((await api(other, url)).status).toBe(403);
    expect(asked).toHaveLength(3);
    // A callback that throws refuses too.
    setSharedThreadView(() => {
      throw new Error("boom");
    });
    expect((await view(owner, id)).status).toBe(403);
  });

  it("is off unless allow_thread_sharing is on", async () => {
    const owner = await newVisitor();
    const id = await sharedCandidate(owner);
    await share(owner, id, "POST");
    appConfig.features.allow_thread_sharing = false;
    expect((await share(owner, id, "POST")).status).toBe(404);
    expect((await view(owner, id)).status).toBe(404);
  });

  it("no share link opens the session's WebSocket", async () => {
    const owner = await newVisitor();
    const other = await newVisitor();
    const id = await sharedCandidate(owner);
    await share(owner, id, "POST");
    for (const path of [`/share/${id}`, `/api/share/${id}`, `/ws/${id}`]) {
      const res = await SELF.fetch(`http://edgelit.test${path}`, {
        headers: { Upgrade: "websocket", cookie: other.cookie },
      });
      expect(res.webSocket, path).toBeNull();
      await res.arrayBuffer();
    }
  });
});
