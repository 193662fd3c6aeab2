/**
 * What the Worker hands a session Durable Object for a chat platform (Slack, Discord, Teams):
 * a verified user, the text or the clicked action, and where answers go. Only the Worker builds
 * these, after it verified the platform's signature; nothing here comes unchecked from a request.
 */

/** Where a session's client is (one list, in ./client-type.ts). */
export type { ClientType } from "./client-type.js";

/** The chat platforms a session can answer on. */
export type Platform = "slack" | "discord" | "teams";

/** Where a Slack answer goes: a channel's thread. */
export interface SlackTarget {
  platform: "slack";
  channel: string;
  /** The thread's first message; answers are replies in it. */
  threadTs: string;
}

/**
 * Where a Discord answer goes: the interaction's webhook (its token is valid 15 minutes).
 * `original` is true when the deferred original response is still a placeholder to edit.
 */
export interface DiscordTarget {
  platform: "discord";
  applicationId: string;
  token: string;
  original: boolean;
}

/** Where a Teams answer goes: the conversation, through the Bot Connector at `serviceUrl`. */
export interface TeamsTarget {
  platform: "teams";
  /** Checked by the Worker against the `serviceurl` claim of the signed Bot Connector token. */
  serviceUrl: string;
  conversationId: string;
  /** The activity answers reply to. */
  replyToId: string;
  /** The bot's own account in this conversation (`recipient` of the incoming activity). */
  bot: { id: string; name?: string };
}

export type PlatformTarget = SlackTarget | DiscordTarget | TeamsTarget;

/** The platform user, as the Worker verified them. */
export interface PlatformUser {
  /** Namespaced: `slack:<team>:<user>`, `discord:<user id>`, `teams:<aad object id or id>`. */
  identifier: string;
  displayName?: string;
}

/** A user's message on a platform. */
export interface PlatformTurn {
  platform: Platform;
  /** The platform's own id of this message (dedupe). */
  messageId: string;
  user: PlatformUser;
  text: string;
  target: PlatformTarget;
}

/** A user's click on an action button on a platform. */
export interface PlatformClick {
  platform: Platform;
  /** The id of the clicked `cl.Action`. */
  actionId: string;
  user: PlatformUser;
  target: PlatformTarget;
}

/** What the session answers the Worker (it answers the platform itself, later). */
export type PlatformAccepted = { ok: true } | { ok: false; status: 404 | 409; error: string };

/**
 * The session id of a platform conversation: a uuid derived from the conversation's key
 * (`slack:<team>:<channel>:<thread ts>`, …), so each conversation finds its session again.
 */
export async function platformSessionId(key: string): Promise<string> {
  const data = new TextEncoder().encode(`edgelit-platform:${key}`);
  const hex = [...new Uint8Array(await crypto.subtle.digest("SHA-256", data))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
  // RFC 9562 version 8 (custom) with the RFC variant bits.
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
