/**
 * The bare Worker the benchmark runs in plain workerd (Miniflare, without wrangler dev's proxy
 * and inspector): only `GET /read`, to show whether a ceiling comes from the dev server.
 */
import { readerFetch } from "./reader.js";

export default {
  fetch(request: Request, env: { OPENAI_BASE_URL: string }): Promise<Response> {
    return readerFetch(request, env.OPENAI_BASE_URL);
  },
};
