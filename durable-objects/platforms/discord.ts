/**
 * Discord's interaction webhooks as the session uses them: the deferred original response is
 * edited with the first message, later ones are follow-ups, and each is streamed by editing it.
 * The interaction token authorizes these calls (valid 15 minutes); no bot token is needed.
 */
import type { DiscordTarget } from "../../protocol/platforms.js";
import {
  buttonLabel,
  callApi,
  clip,
  type MessageRef,
  type Outbox,
  type OutFile,
  type OutMessage,
  PlatformApiError,
} from "./outbox.js";

/** Discord's API root; `DISCORD_API_URL` replaces it (tests point it at a loopback fake). */
export const DISCORD_API_URL = "https://discord.com/api/v10";

/** Discord refuses message content over 2,000 characters. */
const CONTENT_MAX = 2000;

/** Content and buttons (rows of up to 5, at most 5 rows); mentions never ping anyone. */
function body(message: OutMessage): string {
  const rows: unknown[] = [];
  const actions = message.actions.slice(0, 25);
  for (let i = 0; i < actions.length; i += 5) {
    rows.push({
      type: 1,
      components: actions.slice(i, i + 5).map((a) => ({
        type: 2,
        style: 1,
        label: buttonLabel(a).slice(0, 80),
        custom_id: a.id.slice(0, 100),
      })),
    });
  }
  return JSON.stringify({
    content: clip(message.text, CONTENT_MAX),
    components: rows,
    allowed_mentions: { parse: [] },
  });
}

const JSON_HEADERS = { "content-type": "application/json" };

/** Tries of the first edit: the answer may be ready before Discord saw the deferral. */
const ORIGINAL_TRIES = 4;
const ORIGINAL_RETRY_MS = 400;

async function editOriginal(url: string, payload: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await callApi("discord edit original", url, {
        method: "PATCH",
        headers: JSON_HEADERS,
        body: payload,
      });
      return;
    } catch (err) {
      const unknown = err instanceof PlatformApiError && err.status === 404;
      if (!unknown || attempt >= ORIGINAL_TRIES) throw err;
      await new Promise((resolve) => setTimeout(resolve, ORIGINAL_RETRY_MS * attempt));
    }
  }
}

export class DiscordOutbox implements Outbox<DiscordTarget> {
  readonly #base: string;

  constructor(env: Env) {
    this.#base = (env.DISCORD_API_URL || DISCORD_API_URL).replace(/\/$/, "");
  }

  #webhook(applicationId: string, token: string): string {
    return `${this.#base}/webhooks/${encodeURIComponent(applicationId)}/${encodeURIComponent(token)}`;
  }

  async post(target: DiscordTarget, message: OutMessage): Promise<MessageRef> {
    const hook = this.#webhook(target.applicationId, target.token);
    const ref = { applicationId: target.applicationId, token: target.token };
    if (target.original) {
      // The deferred response's "thinking…" placeholder becomes the first message.
      target.original = false;
      await editOriginal(`${hook}/messages/@original`, body(message));
      return { ...ref, messageId: "@original" };
    }
    const res = await callApi("discord follow-up", hook, {
      method: "POST",
      headers: JSON_HEADERS,
      body: body(message),
    });
    const data = (await res.json()) as { id?: unknown };
    if (typeof data.id !== "string") throw new PlatformApiError("discord follow-up: no id");
    return { ...ref, messageId: data.id };
  }

  /** A follow-up carrying the file (multipart: `payload_json` and `files[0]`). */
  async upload(target: DiscordTarget, file: OutFile): Promise<void> {
    const form = new FormData();
    form.set(
      "payload_json",
      JSON.stringify({
        attachments: [{ id: 0, filename: file.name }],
        allowed_mentions: { parse: [] },
      }),
    );
    form.set("files[0]", new Blob([file.bytes], { type: file.mime }), file.name);
    await callApi("discord file follow-up", this.#webhook(target.applicationId, target.token), {
      method: "POST",
      body: form,
    });
  }

  async update(ref: MessageRef, message: OutMessage): Promise<void> {
    const { applicationId = "", token = "", messageId = "" } = ref;
    const id = messageId === "@original" ? "@original" : encodeURIComponent(messageId);
    await callApi("discord edit", `${this.#webhook(applicationId, token)}/messages/${id}`, {
      method: "PATCH",
      headers: JSON_HEADERS,
      body: body(message),
    });
  }
}
