/**
 * Workers AI (the `AI` binding declared in the wrangler.jsonc beside this file), streamed, each
 * run shown as an `llm` step by `cl.instrumentWorkersAI`. Workers AI runs on Cloudflare only:
 * `edgelit run` reaches it through your account (`wrangler login`).
 */
import { env } from "cloudflare:workers";
import * as cl from "edgelit";

const MODEL = "@cf/meta/llama-3.1-8b-instruct";

cl.onMessage(async () => {
  if (!env.AI) throw new Error('Declare "ai": { "binding": "AI" } in wrangler.jsonc');
  const ai = cl.instrumentWorkersAI(env.AI);
  const stream = await ai.run(MODEL, { messages: cl.chatContext.toOpenAI(), stream: true });
  if (!(stream instanceof ReadableStream)) throw new Error("Workers AI did not stream");
  const answer = new cl.Message({ content: "" });
  // The stream is SSE: `data: {"response": "..."}` lines, then `data: [DONE]`.
  const lines = stream.pipeThrough(new TextDecoderStream());
  let rest = "";
  for await (const text of lines) {
    const parts = (rest + text).split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts) {
      if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
      const { response } = JSON.parse(line.slice(6)) as { response?: string };
      if (response) await answer.streamToken(response);
    }
  }
  await answer.send();
});
