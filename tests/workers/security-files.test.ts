/**
 * Element files must never run as pages of the app's origin: whatever an author or a user
 * stored, it is served with nosniff and a sandbox, and only a short list of types inline.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import type { ElementData } from "../../protocol/frames.js";
import { type Client, installHooks, newChat, type Visitor } from "./harness.js";
import { upload } from "./uploads.js";

const PAGE = "<html><script>fetch('/api/config').then(r => r.text()).then(alert)</script></html>";
const SVG = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>`;
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13]);

function elementsOf(client: Client): ElementData[] {
  return client.frames.flatMap((f) => (f.type === "element" ? [f.element] : []));
}

async function served(visitor: Visitor, url: string | undefined) {
  const res = await SELF.fetch(`http://edgelit.test${url}`, {
    headers: { cookie: visitor.cookie },
  });
  const body = await res.text();
  return { status: res.status, headers: res.headers, body };
}

function expectAttachment(headers: Headers, name: string) {
  expect(headers.get("content-type")).toBe("application/octet-stream");
  expect(headers.get("content-disposition")).toBe(`attachment; filename*=UTF-8''${name}`);
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("content-security-policy")).toBe("sandbox");
}

describe("element files", () => {
  it("serves an author's HTML-named file without a mime as a sandboxed attachment", async () => {
    installHooks({
      chatStart: async () => {
        await new cl.File({ name: "report.html", content: PAGE }).send();
        await new cl.File({ name: "page", content: PAGE }).send();
        await new cl.File({ name: "x.svg", content: SVG, mime: "image/svg+xml" }).send();
        await new cl.File({ name: "y.html", content: PAGE, mime: "text/html" }).send();
      },
    });
    const { visitor, client } = await newChat();
    await client.idle();
    const sent = elementsOf(client);
    expect(sent).toHaveLength(4);
    for (const element of sent) {
      const { status, headers, body } = await served(visitor, element.url);
      expect(status).toBe(200);
      expectAttachment(headers, element.name);
      expect(body.length).toBeGreaterThan(0);
    }
    client.close();
  });

  it("keeps a png inline as image/png, and guesses it from the name when no mime is given", async () => {
    installHooks({
      chatStart: async () => {
        await new cl.Image({ name: "a.png", content: PNG, mime: "image/png" }).send();
        await new cl.Image({ name: "b.png", content: PNG }).send();
        await new cl.Pdf({ name: "c.pdf", content: "%PDF-1.1" }).send();
      },
    });
    const { visitor, client } = await newChat();
    await client.idle();
    const [a, b, c] = elementsOf(client);
    for (const element of [a, b]) {
      const { headers } = await served(visitor, element?.url);
      expect(headers.get("content-type")).toBe("image/png");
      expect(headers.get("content-disposition")).toMatch(/^inline; /);
      expect(headers.get("x-content-type-options")).toBe("nosniff");
      expect(headers.get("content-security-policy")).toBe("sandbox");
    }
    const pdf = await served(visitor, c?.url);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^inline; /);
    client.close();
  });

  it("serves an uploaded .html and .svg re-sent by the app as sandboxed attachments", async () => {
    installHooks({
      message: async (m) => {
        for (const file of m.elements) await file.send();
      },
    });
    const { visitor, id, client } = await newChat();
    const html = await upload(id, visitor, "evil.html", PAGE, "text/html");
    const svg = await upload(id, visitor, "evil.svg", SVG, "image/svg+xml");
    const png = await upload(id, visitor, "ok.png", PNG, "image/png");
    expect([html.status, svg.status, png.status]).toEqual([201, 201, 201]);
    const files = [html.body.id ?? "", svg.body.id ?? "", png.body.id ?? ""];
    client.send({ type: "message", id: "m1", content: "look", files });
    await client.idle();
    const sent = elementsOf(client);
    // The user's own three, then the app's three copies.
    expect(sent).toHaveLength(6);
    for (const element of sent) {
      const { status, headers } = await served(visitor, element.url);
      expect(status).toBe(200);
      if (element.name === "ok.png") {
        expect(headers.get("content-type")).toBe("image/png");
        expect(headers.get("content-disposition")).toMatch(/^inline; /);
        expect(headers.get("x-content-type-options")).toBe("nosniff");
        expect(headers.get("content-security-policy")).toBe("sandbox");
      } else expectAttachment(headers, element.name);
    }
    client.close();
  });
});
