/**
 * Mistral through `@mistralai/mistralai`, streamed, with each call shown as an `llm` step by
 * `cl.instrumentMistral`. Set `MISTRAL_API_KEY` (and optionally `MISTRAL_SERVER_URL`) in
 * .dev.vars.
 */

import { env } from "cloudflare:workers";
import { Mistral } from "@mistralai/mistralai";
import * as cl from "edgelit";

cl.onMessage(async () => {
  if (!env.MISTRAL_API_KEY) {
    await new cl.Message("Set MISTRAL_API_KEY in .dev.vars to talk to Mistral.").send();
    return;
  }
  const mistral = cl.instrumentMistral(
    new Mistral({ apiKey: env.MISTRAL_API_KEY, serverURL: env.MISTRAL_SERVER_URL || undefined }),
  );
  const answer = new cl.Message({ content: "", author: "Mistral" });
  const stream = await mistral.chat.stream(
    { model: "mistral-small-latest", messages: cl.chatContext.toOpenAI() },
    { fetchOptions: { signal: cl.context.signal } },
  );
  for await (const event of stream) {
    const token = event.data.choices[0]?.delta.content;
    if (typeof token === "string") await answer.streamToken(token);
  }
  await answer.send();
});
