/**
 * The benchmark's Worker: Edgelit's Worker unchanged, plus `/bare/:id` for the baseline relay and
 * `/bare-read` for the reader-only ceiling in a plain Worker (no Durable Object), and
 * `/bench-meter/:id` for a session's write-path counters, and `/bench-instances` for how many
 * session objects were constructed (bench/instances.ts).
 */
import edgelit, { ChatSession as KitChatSession } from "../worker/index.js";
import { instances, instancesResponse } from "./instances.js";
import { readerFetch } from "./reader.js";

export * from "../worker/index.js";
export { BareRelay } from "./bare-relay.js";

/** Edgelit's session unchanged, counted as it is constructed (an explicit export wins over `*`). */
export class ChatSession extends KitChatSession {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    instances.made++;
  }
}

export default {
  async fetch(
    request: Request,
    env: Env & { BARE_RELAY: DurableObjectNamespace },
    ctx: ExecutionContext,
  ) {
    const url = new URL(request.url);
    if (url.pathname === "/bench-instances") return instancesResponse();
    if (url.pathname === "/bare-read") return readerFetch(request, env.OPENAI_BASE_URL);
    // The write-path counters of a session (bench/cost.ts); this Worker is the benchmark's only.
    if (url.pathname.startsWith("/bench-meter/")) {
      const id = env.CHAT_SESSION.idFromName(url.pathname.slice("/bench-meter/".length));
      return Response.json(await env.CHAT_SESSION.get(id).meter());
    }
    if (url.pathname.startsWith("/bare/")) {
      return env.BARE_RELAY.get(env.BARE_RELAY.idFromName(url.pathname)).fetch(request);
    }
    return edgelit.fetch(request, env, ctx);
  },
};
