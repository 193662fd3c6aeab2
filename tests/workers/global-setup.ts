import type { TestProject } from "vitest/node";
import { startFakeAnthropic } from "../helpers/anthropic-server.js";
import { startFakeMcp } from "../helpers/mcp-server.js";
import { startFakeMistral } from "../helpers/mistral-server.js";
import { startFakeOpenAI } from "../helpers/openai-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    openaiUrl: string;
    anthropicUrl: string;
    mistralUrl: string;
    mcpUrl: string;
  }
}

/**
 * The loopback model servers the runtime tests' hooks call through the real client libraries:
 * OpenAI-compatible, Anthropic Messages and Mistral chat; and an MCP server made with the MCP SDK.
 */
export default async function setup(project: TestProject) {
  const servers = await Promise.all([startFakeOpenAI(), startFakeAnthropic(), startFakeMistral()]);
  const [openai, anthropic, mistral] = servers;
  project.provide("openaiUrl", openai.url);
  project.provide("anthropicUrl", anthropic.url);
  project.provide("mistralUrl", mistral.url);
  const mcp = await startFakeMcp();
  project.provide("mcpUrl", mcp.url);
  return async () => {
    await Promise.all([...servers, mcp].map((s) => s.close()));
  };
}
