/**
 * Every R2 key a thread's history names holds an object: a user's upload shown with their
 * message is recorded in D1 under the upload's key (where its bytes are), an app's file under
 * the element's key, and the element URL serves both.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { waitFor } from "../helpers/wait.js";
import { installHooks, newChat } from "./harness.js";
import { upload, uploadPolicy } from "./uploads.js";

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

interface ElementRow {
  id: string;
  name: string;
  r2_key: string | null;
}

function elementRows(threadId: string): Promise<ElementRow[]> {
  return env.DB.prepare("SELECT id, name, r2_key FROM elements WHERE thread_id = ? ORDER BY name")
    .bind(threadId)
    .all<ElementRow>()
    .then((r) => r.results);
}

describe("storage keys", () => {
  it("records an upload's bytes and an app file's bytes in D1 under keys that exist in R2", async () => {
    restore = uploadPolicy({ enabled: true, accept: ["*/*"], maxFiles: 2, maxSizeMb: 1 });
    installHooks({
      message: async () => {
        await new cl.Message({
          content: "here",
          elements: [new cl.File({ name: "reply.bin", content: new Uint8Array([1, 2, 3]) })],
        }).send();
      },
    });
    const { visitor, id, client } = await newChat();
    const sent = await upload(id, visitor, "notes.txt", "hello file");
    expect(sent.status).toBe(201);
    client.send({ type: "message", id: "m1", content: "see", files: [sent.body.id ?? ""] });
    await client.next((f) => f.type === "step" && f.step.output === "here");
    await client.idle();
    const rows = await waitFor(async () => {
      const found = await elementRows(id);
      return found.length === 2 ? found : null;
    });
    expect(rows.map((r) => r.name)).toEqual(["notes.txt", "reply.bin"]);
    expect(rows[0]?.r2_key).toBe(`sessions/${id}/uploads/${sent.body.id}`);
    expect(rows[1]?.r2_key).toBe(`sessions/${id}/elements/${rows[1]?.id}`);
    for (const row of rows) {
      expect(await env.FILES.head(row.r2_key ?? ""), row.name).not.toBeNull();
    }
    client.close();
  });
});
