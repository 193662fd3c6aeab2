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
    /** Slack (`POST /slack/events`): on when both are set. */
    SLACK_BOT_TOKEN?: string;
    SLACK_SIGNING_SECRET?: string;
    /** Slack's Web API root. @default "https://slack.com/api" */
    SLACK_API_URL?: string;
    /** Discord (`POST /discord/interactions`): on when all three are set. */
    DISCORD_APPLICATION_ID?: string;
    DISCORD_PUBLIC_KEY?: string;
    DISCORD_BOT_TOKEN?: string;
    /** Discord's API root. @default "https://discord.com/api/v10" */
    DISCORD_API_URL?: string;
    /** Microsoft Teams (`POST /teams/messages`): on when both are set. */
    TEAMS_APP_ID?: string;
    TEAMS_APP_PASSWORD?: string;
    /** The Bot Connector's OpenID metadata (its JWKS signs incoming activities). */
    TEAMS_OPENID_URL?: string;
    /** Where the bot's client-credentials token comes from. */
    TEAMS_TOKEN_URL?: string;
  }
}

interface Env extends Cloudflare.Env {}
