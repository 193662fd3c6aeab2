/**
 * Claude through `@anthropic-ai/sdk`, streamed, with each call shown as an `llm` step (input,
 * output, model, latency, token usage) by `cl.instrumentAnthropic`. Set `ANTHROPIC_API_KEY`
 * (and optionally `ANTHROPIC_BASE_URL`) in .dev.vars.
 */

import { env } from "cloudflare:workers";
import Anthropic from "@anthropic-ai/sdk";
import * as cl from "edgelit";

cl.onMessage(async () => {
  if (!env.ANTHROPIC_API_KEY) {
    await new cl.Message("Set ANTHROPIC_API_KEY in .dev.vars to talk to Claude.").send();
    return;
  }
  const anthropic = cl.instrumentAnthropic(
    new Anthropic({ apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL || undefined }),
  );
  const answer = new cl.Message({ content: "", author: "Claude" });
  const stream = anthropic.messages.stream(
    {
      model: "claude-sonnet-4-5",
      max_tokens: 1024,
      // The AI SDK's message form is Anthropic's too, minus system messages.
      messages: cl.chatContext.toModelMessages().filter((m) => m.role !== "system"),
    },
    { signal: cl.context.signal },
  );
  stream.on("text", (text) => void answer.streamToken(text));
  await stream.finalMessage();
  await answer.send();
});
