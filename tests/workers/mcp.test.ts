/**
 * MCP servers the user connects (`[features.mcp]`), through the MCP SDK's Client in the session
 * Durable Object to a real MCP SDK server on loopback (streamable HTTP and SSE): the hooks, the
 * list the UI gets, tool calls as steps, reconnects and a lost client, removal. Loopback is
 * reached through `allow_hosts`: the tests run as a deployment would (not local dev).
 */
import { runInDurableObject } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { closeMcpClients } from "../../durable-objects/session/mcp.js";
import { callMcpTool, mcpClient, mcpConnections } from "../../integrations/mcp.js";
import { appConfig } from "../../protocol/app.js";
import type { ServerFrame } from "../../protocol/frames.js";
import { sessionStub } from "./d1.js";
import { Client, installHooks, newChat } from "./harness.js";
import { configureMcp, connect, restoreMcp } from "./mcp-helpers.js";

const base = () => inject("mcpUrl");

async function openClient(): Promise<{
  client: Client;
  id: string;
  reopen: () => Promise<Client>;
}> {
  const { visitor, id, client } = await newChat();
  return { client, id, reopen: () => Client.open(id, visitor) };
}

function toolSteps(client: Client): { name: string; output: string; isError: boolean }[] {
  const last = new Map<string, { name: string; output: string; isError: boolean }>();
  for (const f of client.frames) {
    if (f.type === "step" && f.step.type === "tool" && !f.step.running) {
      last.set(f.step.id, {
        name: f.step.name,
        output: f.step.output,
        isError: f.step.isError === true,
      });
    }
  }
  return [...last.values()];
}

beforeEach(() => configureMcp({ allow_hosts: ["127.0.0.1"] }));
afterEach(restoreMcp);

describe("[features.mcp]: connecting servers", () => {
  it("connects over streamable HTTP: lists it with its tools, runs onMcpConnect with a connected client", async () => {
    let seen: unknown;
    let listed: string[] = [];
    installHooks({
      mcpConnect: async (connection, client) => {
        seen = connection;
        listed = (await client.listTools()).tools.map((t) => t.name);
        cl.userSession.set("tools", listed);
      },
    });
    const { client } = await openClient();
    const url = `${base()}/mcp`;
    const answer = await connect(client, { name: "math", url, transport: "streamable-http" });
    expect(answer).toMatchObject({
      type: "mcp",
      servers: [{ name: "math", url, transport: "streamable-http" }],
    });
    if (answer.type !== "mcp") throw new Error("unreachable");
    expect(answer.servers[0]?.tools.map((t) => t.name)).toEqual([
      "add",
      "whoami",
      "fail",
      "get_weather",
    ]);
    expect(answer.servers[0]?.tools[0]?.description).toBe("Adds two numbers");
    await client.idle();
    expect(seen).toEqual({ name: "math", url, transport: "streamable-http" });
    expect(listed).toEqual(["add", "whoami", "fail", "get_weather"]);
    client.close();
  });

  it("connects over SSE and calls a tool through it as a tool step", async () => {
    installHooks({
      message: async () => {
        const { text } = await callMcpTool("legacy", "add", { a: 2, b: 40 });
        await new cl.Message(`sum=${text}`).send();
      },
    });
    const { client } = await openClient();
    const answer = await connect(client, {
      name: "legacy",
      url: `${base()}/sse`,
      transport: "sse",
    });
    expect(answer.type).toBe("mcp");
    client.send({ type: "message", id: crypto.randomUUID(), content: "add" });
    await client.next((f) => f.type === "step" && f.step.output === "sum=42", 10_000);
    expect(toolSteps(client)).toEqual([{ name: "add", output: "42", isError: false }]);
    client.close();
  });

  it("shows a tool's error result (or an unknown tool) as an error step; an unknown server throws", async () => {
    installHooks({
      message: async () => {
        const failed = await callMcpTool("math", "fail");
        const unknown = await callMcpTool("math", "no_such_tool");
        let thrown = "";
        try {
          await callMcpTool("nowhere", "add", { a: 1, b: 1 });
        } catch (err) {
          thrown = err instanceof Error ? err.message : String(err);
        }
        await new cl.Message(
          `isError=${failed.isError},${unknown.isError} thrown=${thrown}`,
        ).send();
      },
    });
    const { client } = await openClient();
    await connect(client, { name: "math", url: `${base()}/mcp`, transport: "streamable-http" });
    client.send({ type: "message", id: crypto.randomUUID(), content: "go" });
    await client.next((f) => f.type === "step" && f.step.output.startsWith("isError="), 10_000);
    const steps = toolSteps(client);
    expect(steps[0]).toEqual({ name: "fail", output: "the tool broke", isError: true });
    expect(steps[1]?.name).toBe("no_such_tool");
    expect(steps[1]?.isError).toBe(true);
    expect(steps[2]).toEqual({
      name: "add",
      output: 'no MCP server named "nowhere" is connected in this session',
      isError: true,
    });
    const final = client.frames.findLast(
      (f) => f.type === "step" && f.step.output.startsWith("isError="),
    );
    expect(final?.type === "step" && final.step.output).toBe(
      'isError=true,true thrown=no MCP server named "nowhere" is connected in this session',
    );
    client.close();
  });

  it("keeps headers secret: sent to the server, never back to a client; kept for a lost client", async () => {
    const secret = "Bearer s3cret-token-value";
    installHooks({
      message: async (m) => {
        if (m.content === "list") {
          await new cl.Message(JSON.stringify(mcpConnections())).send();
          return;
        }
        const { text } = await callMcpTool("auth", "whoami");
        await new cl.Message(`server saw: ${text}`).send();
      },
    });
    const { client, id, reopen } = await openClient();
    await connect(client, {
      name: "auth",
      url: `${base()}/mcp`,
      transport: "streamable-http",
      headers: { Authorization: secret },
    });
    client.send({ type: "message", id: crypto.randomUUID(), content: "list" });
    await client.idle();
    // Nothing the session sent (the list, the app's own view of it) holds the header.
    expect(JSON.stringify(client.frames)).not.toContain("s3cret");
    const again = await reopen();
    expect(JSON.stringify(again.frames)).not.toContain("s3cret");
    const snapshot = await again.next((f) => f.type === "snapshot", 5000, true);
    expect(snapshot?.type === "snapshot" && snapshot.snapshot.mcp?.map((s) => s.name)).toEqual([
      "auth",
    ]);
    // The instance loses its live clients (as on hibernation): the next call reconnects from
    // storage, with the stored header.
    await runInDurableObject(sessionStub(id), (instance) => closeMcpClients(instance.session));
    again.send({ type: "message", id: crypto.randomUUID(), content: "who" });
    await again.next((f) => f.type === "step" && f.step.output === `server saw: ${secret}`, 10_000);
    client.close();
    again.close();
  });

  it("removes a server: gone from the list, onMcpDisconnect runs, its client is refused", async () => {
    const removed: string[] = [];
    let afterwards = "";
    installHooks({
      mcpDisconnect: (name) => {
        removed.push(name);
      },
      message: async () => {
        try {
          await mcpClient("math");
        } catch (err) {
          afterwards = err instanceof Error ? err.message : String(err);
        }
        await new cl.Message("checked").send();
      },
    });
    const { client, reopen } = await openClient();
    await connect(client, { name: "math", url: `${base()}/mcp`, transport: "streamable-http" });
    client.send({ type: "mcp_disconnect", name: "math" });
    const list = await client.next((f) => f.type === "mcp" && f.servers.length === 0);
    expect(list.type).toBe("mcp");
    await client.idle();
    expect(removed).toEqual(["math"]);
    client.send({ type: "message", id: crypto.randomUUID(), content: "again" });
    await client.next((f) => f.type === "step" && f.step.output === "checked");
    expect(afterwards).toBe('no MCP server named "math" is connected in this session');
    const again = await reopen();
    const snapshot = await again.next((f) => f.type === "snapshot", 5000, true);
    expect(snapshot?.type === "snapshot" && snapshot.snapshot.mcp).toEqual([]);
    client.send({ type: "mcp_disconnect", name: "math" });
    const refused = await client.next((f) => f.type === "error");
    expect(refused).toMatchObject({ code: "not_found", frame: "mcp_disconnect" });
    client.close();
    again.close();
  });

  it("refuses MCP frames clearly when [features.mcp] is off", async () => {
    appConfig.features.mcp.enabled = false;
    const { client } = await openClient();
    const answer: ServerFrame = await connect(client, {
      name: "math",
      url: `${base()}/mcp`,
      transport: "streamable-http",
    });
    expect(answer).toMatchObject({ type: "error", frame: "mcp_connect" });
    expect(answer.type === "error" && answer.message).toContain("MCP is not enabled");
    client.close();
  });
});
