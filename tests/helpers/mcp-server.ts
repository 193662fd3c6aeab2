/**
 * A real MCP server made with the MCP SDK on 127.0.0.1, for tests that connect to it through the
 * SDK's Client: streamable HTTP at `/mcp` (stateless: a server and transport per request) and the
 * older SSE transport at `/sse` (+ `/messages`). Misbehaving endpoints for the attack tests:
 * `/hang` accepts a request and never answers, `/garbage` answers 200 with HTML.
 *
 * Tools: `add {a, b}` → the sum as text; `whoami` → the Authorization header the request carried
 * (so a test sees that a connection's headers reach the server); `fail` → an error result;
 * `get_weather {city}` → "Sunny in CITY" (the call the loopback OpenAI server's model makes).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";
import { readBody } from "./loopback.js";

export interface FakeMcp {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Authorization headers seen, in order (to check headers reach the server). */
  authorizations: string[];
  close(): Promise<void>;
}

function makeServer(auth: () => string): McpServer {
  const server = new McpServer({ name: "edgelit-test-mcp", version: "1.0.0" });
  server.registerTool(
    "add",
    { description: "Adds two numbers", inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }),
  );
  server.registerTool("whoami", { description: "The Authorization header seen" }, async () => ({
    content: [{ type: "text", text: auth() || "(none)" }],
  }));
  server.registerTool("fail", { description: "Always fails" }, async () => ({
    content: [{ type: "text", text: "the tool broke" }],
    isError: true,
  }));
  server.registerTool(
    "get_weather",
    { description: "The weather in a city", inputSchema: { city: z.string() } },
    async ({ city }) => ({ content: [{ type: "text", text: `Sunny in ${city}` }] }),
  );
  return server;
}

export async function startFakeMcp(): Promise<FakeMcp> {
  const authorizations: string[] = [];
  const sse = new Map<string, SSEServerTransport>();
  const hanging = new Set<ServerResponse>();
  let lastAuth = "";

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = req.url?.split("?")[0];
    lastAuth = req.headers.authorization ?? "";
    if (lastAuth) authorizations.push(lastAuth);
    if (path === "/mcp") {
      if (req.method !== "POST") {
        res.writeHead(405).end();
        return;
      }
      const body = JSON.parse(await readBody(req)) as unknown;
      const server = makeServer(() => lastAuth);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on("close", () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
      return;
    }
    if (path === "/sse" && req.method === "GET") {
      const transport = new SSEServerTransport("/messages", res);
      sse.set(transport.sessionId, transport);
      res.on("close", () => sse.delete(transport.sessionId));
      await makeServer(() => lastAuth).connect(transport);
      return;
    }
    if (path === "/messages" && req.method === "POST") {
      const id = new URL(req.url ?? "", "http://x").searchParams.get("sessionId") ?? "";
      const transport = sse.get(id);
      if (!transport) {
        res.writeHead(404).end("no such session");
        return;
      }
      await transport.handlePostMessage(req, res);
      return;
    }
    if (path === "/hang") {
      hanging.add(res);
      return;
    }
    if (path === "/garbage") {
      res.writeHead(200, { "content-type": "text/html" }).end("<html>not an MCP server</html>");
      return;
    }
    res.writeHead(404).end("not found");
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
