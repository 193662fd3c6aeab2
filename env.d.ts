declare module "edgelit:app" {}
declare module "edgelit:meta" {
  /** The app's config.toml and welcome.md texts (empty strings when absent). */
  const meta: { config: string; welcome: string; name?: string };
  export default meta;
}
declare module "*.toml" {
  const text: string;
  export default text;
}
declare module "*.md" {
  const text: string;
  export default text;
}

declare namespace Cloudflare {
  interface Env {
    CHAT_SESSION: DurableObjectNamespace<import("./durable-objects/chat-session.js").ChatSession>;
    RATE_LIMITER: DurableObjectNamespace<import("./durable-objects/rate-limiter.js").RateLimiter>;
    DB: D1Database;
    FILES: R2Bucket;
    ASSETS: Fetcher;
    OPENAI_API_KEY?: string;
    OPENAI_BASE_URL?: string;
    OPENAI_MODEL?: string;
    /** examples/audio-openai: the transcription and speech models. */
    OPENAI_TRANSCRIBE_MODEL?: string;
    OPENAI_TTS_MODEL?: string;
    /** Integration examples' keys and servers (examples/anthropic, mistral, ai-sdk, workers-ai). */
    ANTHROPIC_API_KEY?: string;
    ANTHROPIC_BASE_URL?: string;
    MISTRAL_API_KEY?: string;
    MISTRAL_SERVER_URL?: string;
    /** A Workers AI binding, when the app's wrangler.jsonc declares `"ai": { "binding": "AI" }`. */
    AI?: Ai;
    EDGELIT_AUTH_SECRET?: string;
    /** The app's public URL, when it differs from the request's origin (OAuth redirect URIs). */
    EDGELIT_URL?: string;
  }
}

interface Env extends Cloudflare.Env {}
