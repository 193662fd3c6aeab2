import type { TestProject } from "vitest/node";
import { startFakeAnthropic } from "../helpers/anthropic-server.js";
import { startFakeMistral } from "../helpers/mistral-server.js";
import { startFakeOpenAI } from "../helpers/openai-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    openaiUrl: string;
    anthropicUrl: string;
    mistralUrl: string;
  }
}

/**
 * The loopback model servers the runtime tests' hooks call through the real client libraries:
 * OpenAI-compatible, Anthropic Messages and Mistral chat.
 */
export default async function setup(project: TestProject) {
  const servers = await Promise.all([startFakeOpenAI(), startFakeAnthropic(), startFakeMistral()]);
  const [openai, anthropic, mistral] = servers;
  project.provide("openaiUrl", openai.url);
  project.provide("anthropicUrl", anthropic.url);
  project.provide("mistralUrl", mistral.url);
  return async () => {
    await Promise.all(servers.map((s) => s.close()));
  };
}
