/**
 * The Bot Connector API as the session uses it: a client-credentials token for the bot, then
 * activities posted to the conversation and updated in place to stream. The service URL is the
 * one the Worker checked against the signed token of the incoming activity.
 */
import type { TeamsTarget } from "../../protocol/platforms.js";
import {
  buttonLabel,
  callApi,
  type MessageRef,
  type Outbox,
  type OutMessage,
  PlatformApiError,
} from "./outbox.js";

/** Where bot tokens come from; `TEAMS_TOKEN_URL` replaces it (tests use a loopback fake). */
export const TEAMS_TOKEN_URL =
  "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

/** Tokens are renewed this long before they expire. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;

/** Bot tokens per app id, for this isolate's lifetime (never stored). */
const tokens = new Map<string, { token: string; until: number }>();

/** The activity of a message: text, and buttons as a hero card whose clicks come back as values. */
function activity(message: OutMessage, bot: TeamsTarget["bot"] | undefined) {
  return {
    type: "message",
    textFormat: "markdown",
    text: message.text,
    ...(bot ? { from: bot } : {}),
    attachments:
      message.actions.length === 0
        ? []
        : [
            {
              contentType: "application/vnd.microsoft.card.hero",
              content: {
                buttons: message.actions.slice(0, 25).map((a) => ({
                  type: "messageBack",
                  title: buttonLabel(a),
                  displayText: buttonLabel(a),
                  value: { edgelitAction: a.id },
                })),
              },
            },
          ],
  };
}

export class TeamsOutbox implements Outbox<TeamsTarget> {
  readonly #appId: string;
  readonly #password: string;
  readonly #tokenUrl: string;

  constructor(env: Env) {
    if (!env.TEAMS_APP_ID || !env.TEAMS_APP_PASSWORD) {
      throw new PlatformApiError("TEAMS_APP_ID and TEAMS_APP_PASSWORD must be set");
    }
    this.#appId = env.TEAMS_APP_ID;
    this.#password = env.TEAMS_APP_PASSWORD;
    this.#tokenUrl = env.TEAMS_TOKEN_URL || TEAMS_TOKEN_URL;
  }

  async #token(): Promise<string> {
    const cached = tokens.get(this.#appId);
    if (cached && cached.until > Date.now()) return cached.token;
    const res = await callApi("teams token", this.#tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: this.#appId,
        client_secret: this.#password,
        scope: "https://api.botframework.com/.default",
      }),
    });
    const data = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof data.access_token !== "string") throw new PlatformApiError("teams token: none");
    const seconds = typeof data.expires_in === "number" ? data.expires_in : 3600;
    tokens.set(this.#appId, {
      token: data.access_token,
      until: Date.now() + seconds * 1000 - TOKEN_MARGIN_MS,
    });
    return data.access_token;
  }

  async #send(method: "POST" | "PUT", url: string, body: unknown): Promise<Response> {
    return callApi(`teams ${method}`, url, {
      method,
      headers: {
        authorization: `Bearer ${await this.#token()}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });
  }

  async post(target: TeamsTarget, message: OutMessage): Promise<MessageRef> {
    const conversation = `${target.serviceUrl.replace(/\/$/, "")}/v3/conversations/${encodeURIComponent(target.conversationId)}`;
    const res = await this.#send(
      "POST",
      `${conversation}/activities/${encodeURIComponent(target.replyToId)}`,
      {
        ...activity(message, target.bot),
        conversation: { id: target.conversationId },
        replyToId: target.replyToId,
      },
    );
    const data = (await res.json()) as { id?: unknown };
    if (typeof data.id !== "string") throw new PlatformApiError("teams post: no activity id");
    return { conversation, activityId: data.id, botId: target.bot.id };
  }

  async update(ref: MessageRef, message: OutMessage): Promise<void> {
    const { conversation = "", activityId = "", botId } = ref;
    await this.#send("PUT", `${conversation}/activities/${encodeURIComponent(activityId)}`, {
      ...activity(message, botId ? { id: botId } : undefined),
      id: activityId,
    });
  }
}
