/**
 * Speech in, text out on Cloudflare: the microphone button records (`[features.audio]`), Workers
 * AI's Whisper (`@cf/openai/whisper`, the `AI` binding of the wrangler.jsonc beside this file)
 * transcribes, the text shows as the user's message and a Workers AI model answers.
 * Workers AI runs on Cloudflare only: `edgelit run` reaches it through your account.
 */
import { env } from "cloudflare:workers";
import * as cl from "edgelit";

const WHISPER = "@cf/openai/whisper";
const MODEL = "@cf/meta/llama-3.1-8b-instruct";

/** The pieces of the recording in progress, per session (a recording lives in memory). */
const recordings = new Map<string, Uint8Array[]>();

cl.onAudioStart(() => {
  if (!env.AI) return false;
  recordings.set(cl.context.session.id, []);
  return true;
});

cl.onAudioChunk((chunk) => {
  recordings.get(cl.context.session.id)?.push(chunk.data);
});

cl.onAudioEnd(async () => {
  const chunks = recordings.get(cl.context.session.id) ?? [];
  recordings.delete(cl.context.session.id);
  if (!env.AI || chunks.length === 0) return;
  const audio = new Uint8Array(await new Blob(chunks).arrayBuffer());
  // Whisper on Workers AI takes the file's bytes as an array of numbers.
  const { text } = (await env.AI.run(WHISPER, { audio: [...audio] })) as { text: string };
  await new cl.Message({ content: text, type: "user_message", author: "You" }).send();
  const ai = cl.instrumentWorkersAI(env.AI);
  const result = (await ai.run(MODEL, { messages: cl.chatContext.toOpenAI() })) as {
    response?: string;
  };
  await new cl.Message({ content: result.response ?? "" }).send();
});
