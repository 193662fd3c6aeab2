/**
 * The reader-only ceiling of the streaming benchmark: parse an OpenAI stream with the `openai`
 * client and count its tokens, nothing else. The bare relay's Durable Object and the bare Worker
 * route both use it, so every ceiling is the same code in a different host.
 */
import OpenAI from "openai";

/** Reads the whole answer to `prompt` from `baseURL`; calls `each` per token; returns the count. */
export async function readStream(
  baseURL: string,
  prompt: string,
  each?: (text: string) => void,
): Promise<number> {
  const openai = new OpenAI({ apiKey: "bench", baseURL });
  const stream = await openai.chat.completions.create({
    model: "bench",
    messages: [{ role: "user", content: prompt }],
    stream: true,
  });
  let n = 0;
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta?.content;
    if (text) {
      n++;
      each?.(text);
    }
  }
  return n;
}

/** A bare Worker's handler: `GET /read?prompt=…` answers with the token count when read. */
export async function readerFetch(request: Request, baseURL: string): Promise<Response> {
  const prompt = new URL(request.url).searchParams.get("prompt") ?? "";
  return Response.json({ tokens: await readStream(baseURL, prompt) });
}
