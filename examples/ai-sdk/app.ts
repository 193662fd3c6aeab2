/**
 * The Vercel AI SDK: `streamText` with a tool, shown by `sendStream` from `edgelit/ai-sdk` (text
 * into a message, the tool call as a `tool` step). Any OpenAI-compatible server works
 * (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_MODEL` in .dev.vars).
 */

import { env } from "cloudflare:workers";
import { createOpenAI } from "@ai-sdk/openai";
import { jsonSchema, stepCountIs, streamText, tool } from "ai";
import * as cl from "edgelit";
import { sendStream } from "edgelit/ai-sdk";

const clock = tool({
  description: "The current date and time in a time zone",
  inputSchema: jsonSchema<{ timeZone: string }>({
    type: "object",
    properties: { timeZone: { type: "string", description: "IANA name, e.g. Europe/Paris" } },
    required: ["timeZone"],
  }),
  execute: async ({ timeZone }) => ({ now: new Date().toLocaleString("en-GB", { timeZone }) }),
});

cl.onMessage(async () => {
  if (!env.OPENAI_API_KEY) {
    await new cl.Message("Set OPENAI_API_KEY in .dev.vars to use the AI SDK example.").send();
    return;
  }
  const openai = createOpenAI({
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL || undefined,
  });
  const result = streamText({
    model: openai.chat(env.OPENAI_MODEL || "gpt-4o-mini"),
    messages: cl.chatContext.toModelMessages(),
    tools: { clock },
    stopWhen: stepCountIs(3),
    abortSignal: cl.context.signal,
  });
  await sendStream(result);
});
