/**
 * Streaming from any OpenAI-compatible server (`OPENAI_BASE_URL`, `OPENAI_API_KEY` in
 * .dev.vars), token by token, with the conversation as context. Pass `cl.context.signal` so
 * the stop button aborts the upstream request.
 */
import { env } from "cloudflare:workers";
import * as cl from "edgelit";
import OpenAI from "openai";

cl.onMessage(async () => {
  const client = cl.instrumentOpenAI(
    new OpenAI({ apiKey: env.OPENAI_API_KEY ?? "none", baseURL: env.OPENAI_BASE_URL || undefined }),
  );
  const answer = new cl.Message({ content: "" });
  const stream = await client.chat.completions.create(
    { model: env.OPENAI_MODEL || "gpt-4o-mini", messages: cl.chatContext.toOpenAI(), stream: true },
    { signal: cl.context.signal },
  );
  for await (const chunk of stream) {
    const token = chunk.choices[0]?.delta?.content;
    if (token) await answer.streamToken(token);
  }
  await answer.send();
});
