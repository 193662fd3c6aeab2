/**
 * Shows a Workers AI stream as one message, token by token. The stream is SSE: `data:
 * {"response": "..."}` lines, then `data: [DONE]`; a line may arrive split across chunks.
 */
import * as cl from "edgelit";

export async function streamAnswer(stream: ReadableStream<Uint8Array>): Promise<void> {
  const answer = new cl.Message({ content: "" });
  let rest = "";
  for await (const text of stream.pipeThrough(new TextDecoderStream())) {
    const parts = (rest + text).split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts) {
      if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
      const { response } = JSON.parse(line.slice(6)) as { response?: string };
      if (response) await answer.streamToken(response);
    }
  }
  await answer.send();
}
