/**
 * The benchmark's Worker: Edgelit's Worker unchanged, plus `/bare/:id` for the baseline relay and
 * `/bare-read` for the reader-only ceiling in a plain Worker (no Durable Object).
 */
import edgelit from "../worker/index.js";
import { readerFetch } from "./reader.js";

export * from "../worker/index.js";
export { BareRelay } from "./bare-relay.js";

export default {
  fetch(
    request: Request,
    env: Env & { BARE_RELAY: DurableObjectNamespace },
    ctx: ExecutionContext,
  ) {
    const url = new URL(request.url);
    if (url.pathname === "/bare-read") return readerFetch(request, env.OPENAI_BASE_URL);
    if (url.pathname.startsWith("/bare/")) {
      return env.BARE_RELAY.get(env.BARE_RELAY.idFromName(url.pathname)).fetch(request);
    }
    return edgelit.fetch(request, env, ctx);
  },
};
