/**
 * Fuzz: malformed HTTP against every route — bad cookies, huge headers, bad JSON, multipart
 * bombs, forged internal headers, odd ids and queries. Each must get a clear 4xx answer (JSON
 * `{ error }` where the body is JSON), never a 500, and the visitor's session must be intact.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { Client, installHooks, newSession, newVisitor } from "../workers/harness.js";
import { random, scaled } from "./scale.js";

const REQUESTS = scaled(400, 3_000);
const BASE = "http://edgelit.test";

function multipartBomb(parts: number, boundary = "b0undary"): string {
  let body = "";
  for (let i = 0; i < parts; i++) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f${i}.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n`;
  }
  return `${body}--${boundary}--\r\n`;
}

describe("fuzz: malformed HTTP", () => {
  it(`answers ${REQUESTS} malformed requests with 4xx and clear errors, never 5xx`, async () => {
    installHooks({ message: async (m) => void (await new cl.Message(`ok ${m.content}`).send()) });
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    const rnd = random(0x4177);
    const ids = [id, crypto.randomUUID(), "..%2f..%2fetc%2fpasswd", "x".repeat(300), "%00", "1"];
    const paths = () => {
      const sid = rnd.pick(ids);
      return rnd.pick([
        `/api/sessions`,
        `/api/sessions/${sid}/files`,
        `/api/sessions/${sid}/files/${rnd.pick(ids)}`,
        `/api/sessions/${sid}/steps/${rnd.pick(ids)}`,
        `/api/sessions/${sid}/elements/${rnd.pick(ids)}`,
        `/api/threads`,
        `/api/threads?limit=${rnd.pick(["-1", "0", "1e9", "x", "5"])}&cursor=${rnd.pick(["", "garbage", "%FF", "eyJ9"])}&q=${rnd.pick(["", "%00", "x".repeat(500)])}`,
        `/api/threads/${sid}`,
        `/api/config`,
        `/ws/${sid}`,
        `/auth/login`,
        `/auth/logout`,
        `/auth/oauth/${rnd.pick(["github", "nope", "..", "generic"])}/callback?code=x&state=y`,
      ]);
    };
    const cookies = () =>
      rnd.pick([
        visitor.cookie,
        "edgelit_session=garbage",
        `edgelit_session=${"a".repeat(8000)}`,
        "edgelit_session=eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
        "",
        "=;;=;",
      ]);
    const bodies = (): { body?: BodyInit; type?: string } =>
      rnd.pick([
        {},
        { body: "{not json", type: "application/json" },
        { body: JSON.stringify({ name: 5 }), type: "application/json" },
        { body: JSON.stringify({ name: "x".repeat(100_000) }), type: "application/json" },
        { body: multipartBomb(2000), type: "multipart/form-data; boundary=b0undary" },
        { body: multipartBomb(3), type: "multipart/form-data" },
        { body: "--x\r\n\r\n", type: "multipart/form-data; boundary=x" },
        { body: crypto.getRandomValues(new Uint8Array(4096)), type: "application/octet-stream" },
      ]);

    const statuses = new Map<number, number>();
    const serverErrors: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const method = rnd.pick(["GET", "POST", "PATCH", "DELETE", "PUT"]);
      const path = paths();
      const { body, type } = method === "GET" || method === "DELETE" ? {} : bodies();
      const headers = new Headers({ cookie: cookies() });
      if (type) headers.set("content-type", type);
      if (rnd.chance(0.1)) headers.set("x-edgelit-user", JSON.stringify({ identifier: "admin" }));
      if (rnd.chance(0.05)) headers.set("x-huge", "h".repeat(60_000));
      if (rnd.chance(0.1)) headers.set("origin", rnd.pick(["https://evil.test", "null"]));
      if (path.startsWith("/ws/") && rnd.chance(0.5)) headers.set("upgrade", "websocket");
      const res = await SELF.fetch(`${BASE}${path}`, { method, headers, body });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.webSocket) {
        res.webSocket.accept();
        res.webSocket.close();
      }
      const text = res.status === 101 ? "" : await res.text();
      if (res.status >= 500) serverErrors.push(`${method} ${path.slice(0, 80)} -> ${res.status}`);
      if (res.headers.get("content-type")?.includes("application/json") && res.status >= 400) {
        expect(JSON.parse(text), `${method} ${path}`).toHaveProperty("error");
      }
    }
    console.log("fuzz-http: statuses", Object.fromEntries(statuses));
    expect(serverErrors).toEqual([]);

    const client = await Client.open(id, visitor);
    client.send({ type: "message", id: "after", content: "still here" });
    const ok = await client.next((f) => f.type === "step" && f.step.output === "ok still here");
    expect(ok.type).toBe("step");
  });
});
