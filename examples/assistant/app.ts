/**
 * The default app (`npm run dev`): a streaming assistant on any OpenAI-compatible server
 * (`OPENAI_API_KEY`, optionally `OPENAI_BASE_URL` and `OPENAI_MODEL`), or, with no key, a
 * clearly labelled offline demo model so a fresh clone works with nothing configured.
 */
import { env } from "cloudflare:workers";
import * as cl from "edgelit";
import OpenAI from "openai";
import { demoReply } from "./demo-model.js";

const SYSTEM = "You are a helpful assistant. Answer in Markdown.";

cl.onChatStart(() => {
  cl.userSession.set("turns", 0);
});

cl.onMessage(async (message) => {
  cl.userSession.set("turns", (cl.userSession.get<number>("turns") ?? 0) + 1);
  const answer = new cl.Message({
    content: "",
    author: env.OPENAI_API_KEY ? "Assistant" : "Demo model (offline)",
  });
  if (!env.OPENAI_API_KEY) {
    await cl.withStep(
      { name: "Offline demo model", type: "llm", showInput: true },
      async (step) => {
        step.input = message.content;
        step.output =
          "No OPENAI_API_KEY is set, so this reply comes from a small local demo model.";
      },
    );
    for (const token of demoReply(message.content)) {
      await answer.streamToken(token);
      await cl.sleep(0.02);
    }
    await answer.send();
    return;
  }
  const client = cl.instrumentOpenAI(
    new OpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined }),
  );
  const stream = await client.chat.completions.create(
    {
      model: env.OPENAI_MODEL || "gpt-4o-mini",
      messages: [{ role: "system", content: SYSTEM }, ...cl.chatContext.toOpenAI()],
      stream: true,
    },
    { signal: cl.context.signal },
  );
  for await (const chunk of stream) {
    const token = chunk.choices[0]?.delta?.content;
    if (token) await answer.streamToken(token);
  }
  await answer.send();
});
