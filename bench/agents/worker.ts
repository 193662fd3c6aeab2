/**
 * The Agents SDK's chat agent for the idle-memory comparison (`npm run bench:idle`):
 * an `AIChatAgent` that answers from the same loopback OpenAI server through the AI SDK, as its
 * README's quick start does, routed by `routeAgentRequest` at `/agents/chat-agent/:name`. Nothing
 * is trimmed and only a constructor counter is added (for the eviction probe), so its memory per
 * session is what an app built on it pays.
 */
import { createOpenAI } from "@ai-sdk/openai";
import { AIChatAgent } from "@cloudflare/ai-chat";
import { routeAgentRequest } from "agents";
import { convertToModelMessages, streamText } from "ai";
import { instances, instancesResponse } from "../instances.js";

interface AgentsEnv {
  OPENAI_BASE_URL: string;
  ChatAgent: DurableObjectNamespace;
}

export class ChatAgent extends AIChatAgent<AgentsEnv> {
  constructor(ctx: DurableObjectState, env: AgentsEnv) {
    super(ctx, env);
    instances.made++;
  }

  override async onChatMessage() {
    const openai = createOpenAI({ baseURL: this.env.OPENAI_BASE_URL, apiKey: "bench" });
    const result = streamText({
      model: openai.chat("bench"),
      messages: await convertToModelMessages(this.messages),
    });
    return result.toUIMessageStreamResponse();
  }
}

export default {
  async fetch(request: Request, env: AgentsEnv): Promise<Response> {
    // The eviction probe of bench/idle.ts; nothing else is added to the agent.
    if (new URL(request.url).pathname === "/bench-instances") return instancesResponse();
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
};
