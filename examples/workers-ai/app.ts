/**
 * Workers AI (the `AI` binding declared in the wrangler.jsonc beside this file), streamed, each
 * run shown as an `llm` step by `cl.instrumentWorkersAI`. Workers AI runs on Cloudflare only:
 * `edgelit run` reaches it through your account (`wrangler login`).
 */
import { env } from "cloudflare:workers";
import * as cl from "edgelit";
import { streamAnswer } from "./stream.js";

const MODEL = "@cf/meta/llama-3.1-8b-instruct";

cl.onMessage(async () => {
  if (!env.AI) throw new Error('Declare "ai": { "binding": "AI" } in wrangler.jsonc');
  const ai = cl.instrumentWorkersAI(env.AI);
  const stream = await ai.run(MODEL, { messages: cl.chatContext.toOpenAI(), stream: true });
  if (!(stream instanceof ReadableStream)) throw new Error("Workers AI did not stream");
  await streamAnswer(stream);
});
