/**
 * The baseline of the streaming benchmark: the plainest Durable Object relay of an OpenAI
 * stream to a hibernatable WebSocket (one frame per token, no log, no coalescing), on the same
 * workerd and through the same `openai` client as Edgelit's session. A prompt containing
 * `nosend` only reads the stream (the ceiling: what the `openai` client alone can parse).
 */
import { DurableObject } from "cloudflare:workers";
import OpenAI from "openai";

export class BareRelay extends DurableObject<Env> {
  override async fetch(): Promise<Response> {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const { prompt } = JSON.parse(String(message)) as { prompt: string };
    const openai = new OpenAI({ apiKey: "bench", baseURL: this.env.OPENAI_BASE_URL });
    const stream = await openai.chat.completions.create({
      model: "bench",
      messages: [{ role: "user", content: prompt }],
      stream: true,
    });
    const relay = !prompt.includes("nosend");
    let n = 0;
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta?.content;
      if (text) {
        n++;
        if (relay) ws.send(JSON.stringify({ type: "delta", text }));
      }
    }
    if (!relay) ws.send(JSON.stringify({ type: "delta", text: String(n) }));
    ws.send('{"type":"done"}');
  }
}
