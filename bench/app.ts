/** The benchmark's app: the default app's streaming path, with the real `openai` client. */
import { env } from "cloudflare:workers";
import * as cl from "edgelit";
import OpenAI from "openai";

cl.onMessage(async (message) => {
  const client = new OpenAI({ apiKey: "bench", baseURL: env.OPENAI_BASE_URL });
  const stream = await client.chat.completions.create(
    { model: "bench", messages: [{ role: "user", content: message.content }], stream: true },
    { signal: cl.context.signal },
  );
  const answer = new cl.Message({ content: "" });
  for await (const chunk of stream) {
    const token = chunk.choices[0]?.delta?.content;
    if (token) await answer.streamToken(token);
  }
  await answer.send();
});
