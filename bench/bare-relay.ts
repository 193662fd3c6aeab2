/**
 * The baseline of the streaming benchmark: the plainest Durable Object relay of an OpenAI
 * stream to a hibernatable WebSocket (one frame per token, no log, no coalescing), on the same
 * workerd and through the same `openai` client as Edgelit's session. With `readOnly` it only
 * reads the stream and sends the token count at the end: the reader-only ceiling in a DO.
 */
import { DurableObject } from "cloudflare:workers";
import { instances } from "./instances.js";
import { readStream } from "./reader.js";

export class BareRelay extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    instances.made++;
  }

  override async fetch(): Promise<Response> {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const { prompt, readOnly } = JSON.parse(String(message)) as {
      prompt: string;
      readOnly?: boolean;
    };
    const relay = (text: string) => ws.send(JSON.stringify({ type: "delta", text }));
    const n = await readStream(this.env.OPENAI_BASE_URL, prompt, readOnly ? undefined : relay);
    if (readOnly) ws.send(JSON.stringify({ type: "count", n }));
    ws.send('{"type":"done"}');
  }
}
