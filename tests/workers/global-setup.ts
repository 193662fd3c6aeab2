import type { TestProject } from "vitest/node";
import { startFakeOpenAI } from "../helpers/openai-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    openaiUrl: string;
  }
}

/** The loopback OpenAI-compatible server the runtime tests' hooks call through `openai`. */
export default async function setup(project: TestProject) {
  const server = await startFakeOpenAI();
  project.provide("openaiUrl", server.url);
  return () => server.close();
}
