/**
 * Attacks on `mcp_connect`: its URL comes from the user (server-side request forgery), its
 * headers are secrets, and a connect costs the server a request. A deployment refuses internal
 * hosts; caps, the rate limit and a timeout hold; a hanging or garbage server is a clear error
 * and the session stays usable.
 */
import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { hit } from "../../durable-objects/rate-limiter.js";
import * as cl from "../../durable-objects/sdk/index.js";
import type { ServerFrame } from "../../protocol/frames.js";
import { quiet } from "../helpers/wait.js";
import { identifierOf } from "./d1.js";
import { type Client, installHooks, newChat } from "./harness.js";
import { configureMcp, connect, restoreMcp } from "./mcp-helpers.js";

const base = () => inject("mcpUrl");

function refusal(frame: ServerFrame): string {
  if (frame.type !== "error") throw new Error(`expected a refusal, got ${JSON.stringify(frame)}`);
  return frame.message;
}

/** A message still gets its answer. */
async function stillUsable(client: Client): Promise<void> {
  client.send({ type: "message", id: crypto.randomUUID(), content: "still there?" });
  await client.next((f) => f.type === "step" && f.step.output === "yes", 10_000);
}

beforeEach(() => {
  installHooks({ message: async () => void (await new cl.Message("yes").send()) });
});
afterEach(restoreMcp);

describe("mcp_connect under attack", () => {
  it("a deployment refuses loopback, private, link-local and metadata hosts", async () => {
    configureMcp({ allow_hosts: [] });
    const { client } = await newChat();
    const port = new URL(base()).port;
    const cases: [string, string][] = [
      [`http://127.0.0.1:${port}/mcp`, "loopback"],
      ["http://10.1.2.3/mcp", "private"],
      ["http://169.254.169.254/latest/meta-data/", "link-local"],
      [`http://[::1]:${port}/mcp`, "loopback"],
      [`http://localhost:${port}/mcp`, "loopback"],
      [`http://2130706433:${port}/mcp`, "loopback"],
      ["http://metadata.google.internal/computeMetadata/v1/", "internal"],
    ];
    for (const [url, kind] of cases) {
      const answer = await connect(client, { name: "x", url, transport: "streamable-http" });
      expect(refusal(answer), url).toContain(`${kind} hosts are not allowed`);
    }
    const file = await connect(client, {
      name: "x",
      url: "file:///etc/passwd",
      transport: "sse",
    });
    expect(refusal(file)).toContain("only http and https URLs are allowed");
    await stillUsable(client);
    client.close();
  });

  it("a client cannot claim local dev with the Worker's own header", async () => {
    configureMcp({ allow_hosts: [] });
    const { client } = await newChat({}, { "x-edgelit-local-dev": "1" });
    const answer = await connect(client, {
      name: "x",
      url: `${base()}/mcp`,
      transport: "streamable-http",
    });
    expect(refusal(answer)).toContain("loopback hosts are not allowed");
    client.close();
  });

  it("caps the servers per session and refuses a name already connected", async () => {
    configureMcp({ allow_hosts: ["127.0.0.1"], max_servers: 2 });
    const { client } = await newChat();
    const url = `${base()}/mcp`;
    expect((await connect(client, { name: "a", url, transport: "streamable-http" })).type).toBe(
      "mcp",
    );
    const twice = await connect(client, { name: "a", url, transport: "streamable-http" });
    expect(refusal(twice)).toContain("already connected");
    expect((await connect(client, { name: "b", url, transport: "streamable-http" })).type).toBe(
      "mcp",
    );
    const third = await connect(client, { name: "c", url, transport: "streamable-http" });
    expect(refusal(third)).toBe('MCP server "c": a session may connect at most 2 servers');
    client.close();
  });

  it("refuses a burst of connects past the cap or for one name, without racing them", async () => {
    configureMcp({ allow_hosts: ["127.0.0.1"], max_servers: 2 });
    const { client } = await newChat();
    const url = `${base()}/mcp`;
    // All sent at once: each is checked before any of them awaits the rate limit or the server.
    for (const name of ["a", "a", "b", "c"]) {
      client.send({ type: "mcp_connect", name, url, transport: "streamable-http" });
    }
    await client.next((f) => f.type === "mcp" && f.servers.length === 2, 10_000);
    await quiet(300);
    const refused = client.frames.flatMap((f) =>
      f.type === "error" && f.frame === "mcp_connect" ? [f.message] : [],
    );
    expect(refused).toEqual([
      'MCP server "a": a server with this name is already connected; remove it first',
      'MCP server "c": a session may connect at most 2 servers',
    ]);
    const last = client.frames.findLast((f) => f.type === "mcp");
    // Listed in the order they finished connecting, which the network decides.
    expect(last?.type === "mcp" && last.servers.map((s) => s.name).sort()).toEqual(["a", "b"]);
    client.close();
  });

  it("refuses oversized or malformed names, URLs and headers without echoing header values", async () => {
    configureMcp({ allow_hosts: ["127.0.0.1"] });
    const logged: string[] = [];
    const spies = (["log", "warn", "error", "info"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      }),
    );
    try {
      const { client } = await newChat();
      const url = `${base()}/mcp`;
      const bad = async (frame: Record<string, unknown>): Promise<string> => {
        client.send(
          JSON.stringify({ type: "mcp_connect", transport: "streamable-http", ...frame }),
        );
        const answer = await client.next((f) => f.type === "error");
        return answer.type === "error" ? `${answer.code}: ${answer.message}` : "";
      };
      expect(await bad({ name: "n".repeat(65), url })).toMatch(/^bad_frame: name: /);
      expect(await bad({ name: "<img src=x>", url })).toMatch(/^bad_frame: name: /);
      expect(await bad({ name: "ok", url: `${url}?${"q".repeat(2100)}` })).toMatch(
        /^bad_frame: url: /,
      );
      const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`x-h${i}`, "v"]));
      expect(await bad({ name: "ok", url, headers: many })).toContain("has too many headers");
      const secret = "TOPSECRET-VALUE";
      const split = await bad({ name: "ok", url, headers: { Authorization: `a\r\n${secret}` } });
      expect(split).toContain("may not contain line breaks");
      expect(split).not.toContain(secret);
      const long = await bad({ name: "ok", url, headers: { Authorization: secret.repeat(400) } });
      expect(long).toMatch(/^bad_frame: headers/);
      expect(long).not.toContain(secret);
      // A server that fails the connect never sees its way into the logs with the header.
      const failed = await connect(client, {
        name: "g",
        url: `${base()}/garbage`,
        transport: "streamable-http",
        headers: { Authorization: `Bearer ${secret}` },
      });
      expect(refusal(failed)).not.toContain(secret);
      expect(logged.filter((line) => line.includes(secret))).toEqual([]);
      client.close();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("puts connects under the rate limit", async () => {
    configureMcp({ allow_hosts: ["127.0.0.1"] });
    const { client, visitor } = await newChat();
    const key = `actions:user:${await identifierOf(visitor)}`;
    for (let i = 0; i < 60; i++) await hit(env, key, 60);
    const answer = await connect(client, {
      name: "m",
      url: `${base()}/mcp`,
      transport: "streamable-http",
    });
    expect(answer).toMatchObject({ type: "error", code: "rate_limited", frame: "mcp_connect" });
    client.close();
  });

  it("times out on a server that never answers, and the session stays usable", async () => {
    configureMcp({ allow_hosts: ["127.0.0.1"], timeout_seconds: 1 });
    const { client } = await newChat();
    for (const transport of ["streamable-http", "sse"] as const) {
      const started = Date.now();
      const answer = await connect(client, { name: "slow", url: `${base()}/hang`, transport });
      expect(refusal(answer)).toBe(
        'MCP server "slow": could not connect: the server did not answer within 1 s',
      );
      expect(Date.now() - started).toBeLessThan(8000);
    }
    await stillUsable(client);
    // The name was not kept by the failed attempts.
    const real = await connect(client, {
      name: "slow",
      url: `${base()}/mcp`,
      transport: "streamable-http",
    });
    expect(real.type).toBe("mcp");
    client.close();
  });

  it("reports a server answering garbage clearly, and the session stays usable", async () => {
    configureMcp({ allow_hosts: ["127.0.0.1"] });
    const { client } = await newChat();
    for (const transport of ["streamable-http", "sse"] as const) {
      const answer = await connect(client, { name: "junk", url: `${base()}/garbage`, transport });
      expect(refusal(answer)).toMatch(/^MCP server "junk": could not connect: \S/);
    }
    const missing = await connect(client, {
      name: "junk",
      url: `${base()}/nothing-here`,
      transport: "streamable-http",
    });
    expect(refusal(missing)).toMatch(/could not connect: .*not found/);
    await stillUsable(client);
    client.close();
  });
});
