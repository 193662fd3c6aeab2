/**
 * MCP servers the user connects from the composer: their tools are offered to an
 * OpenAI-compatible model (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_MODEL` in .dev.vars), and
 * each call the model makes runs through `callMcpTool`, shown as a `tool` step.
 */

import { env } from "cloudflare:workers";
import * as cl from "edgelit";
import { callMcpTool, mcpConnections } from "edgelit/mcp";
import OpenAI from "openai";

/** Most model turns per message: each may call tools, the last must answer. */
const MAX_TURNS = 5;

cl.onMcpConnect(async (connection, client) => {
  const { tools } = await client.listTools();
  const names = tools.map((t) => `\`${t.name}\``).join(", ") || "no tools";
  await new cl.Message(`Connected **${connection.name}**: ${names}.`).send();
});

cl.onMcpDisconnect(async (name) => {
  await new cl.Message(`Removed **${name}**.`).send();
});

interface Route {
  server: string;
  tool: string;
}

/** The connected servers' tools as OpenAI functions; a name two servers share gets a prefix. */
function offeredTools(): { tools: OpenAI.ChatCompletionTool[]; routes: Map<string, Route> } {
  const routes = new Map<string, Route>();
  const tools: OpenAI.ChatCompletionTool[] = [];
  for (const server of mcpConnections()) {
    for (const tool of server.tools) {
      const plain = tool.name.replace(/[^\w-]/g, "_").slice(0, 64);
      const name = routes.has(plain) ? `${server.name}__${plain}`.slice(0, 64) : plain;
      routes.set(name, { server: server.name, tool: tool.name });
      tools.push({
        type: "function",
        function: {
          name,
          description: tool.description ?? "",
          parameters: tool.inputSchema ?? { type: "object", properties: {} },
        },
      });
    }
  }
  return { tools, routes };
}

function parseArgs(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text || "{}");
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : {};
  } catch {
    return {};
  }
}

cl.onMessage(async () => {
  if (!env.OPENAI_API_KEY) {
    await new cl.Message("Set OPENAI_API_KEY in .dev.vars to use the MCP example.").send();
    return;
  }
  const openai = cl.instrumentOpenAI(
    new OpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined }),
  );
  const { tools, routes } = offeredTools();
  const messages: OpenAI.ChatCompletionMessageParam[] = cl.chatContext.toOpenAI();
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const completion = await openai.chat.completions.create(
      {
        model: env.OPENAI_MODEL || "gpt-4o-mini",
        messages,
        ...(tools.length > 0 && turn < MAX_TURNS - 1 ? { tools } : {}),
      },
      { signal: cl.context.signal },
    );
    const reply = completion.choices[0]?.message;
    const calls = reply?.tool_calls ?? [];
    if (!reply || calls.length === 0) {
      await new cl.Message(reply?.content ?? "").send();
      return;
    }
    messages.push(reply);
    for (const call of calls) {
      if (call.type !== "function") continue;
      const route = routes.get(call.function.name);
      const content = route
        ? (await callMcpTool(route.server, route.tool, parseArgs(call.function.arguments))).text
        : `There is no tool named ${call.function.name}.`;
      messages.push({ role: "tool", tool_call_id: call.id, content });
    }
  }
});
