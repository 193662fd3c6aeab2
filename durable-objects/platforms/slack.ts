/**
 * Slack's Web API as the session uses it: `chat.postMessage` into the thread, `chat.update` to
 * stream, the external upload flow for files. Plain fetch: @slack/web-api fails in workerd (its
 * axios fetch adapter calls `fetch` unbound, "Illegal invocation") and adds 36 KiB gzip.
 */
import type { SlackTarget } from "../../protocol/platforms.js";
import {
  buttonLabel,
  callApi,
  type MessageRef,
  type Outbox,
  type OutFile,
  type OutMessage,
  PlatformApiError,
} from "./outbox.js";

/** Slack's API root; `SLACK_API_URL` replaces it (tests point it at a loopback fake). */
export const SLACK_API_URL = "https://slack.com/api";

/** Slack refuses message text over 40,000 characters; a section block holds 3,000. */
const TEXT_MAX = 40_000;
const SECTION_MAX = 3000;

/** The message as Slack blocks: its text, then one button per action (actions only). */
function blocks(message: OutMessage): unknown[] | undefined {
  if (message.actions.length === 0) return undefined;
  return [
    {
      type: "section",
      text: { type: "mrkdwn", text: message.text.slice(0, SECTION_MAX) || " " },
    },
    {
      type: "actions",
      elements: message.actions.slice(0, 25).map((a) => ({
        type: "button",
        text: { type: "plain_text", text: buttonLabel(a).slice(0, 75) },
        action_id: a.id,
        value: a.id,
      })),
    },
  ];
}

export class SlackOutbox implements Outbox<SlackTarget> {
  readonly #base: string;
  readonly #token: string;

  constructor(env: Env) {
    if (!env.SLACK_BOT_TOKEN) throw new PlatformApiError("SLACK_BOT_TOKEN is not set");
    this.#token = env.SLACK_BOT_TOKEN;
    this.#base = (env.SLACK_API_URL || SLACK_API_URL).replace(/\/$/, "");
  }

  async #call(
    method: string,
    body: Record<string, unknown> | URLSearchParams,
  ): Promise<Record<string, unknown>> {
    const form = body instanceof URLSearchParams;
    const res = await callApi(`slack ${method}`, `${this.#base}/${method}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${this.#token}`,
        "content-type": form
          ? "application/x-www-form-urlencoded"
          : "application/json; charset=utf-8",
      },
      body: form ? body : JSON.stringify(body),
    });
    const data = (await res.json()) as Record<string, unknown>;
    // Slack answers 200 with `ok: false` for its own errors.
    if (data.ok !== true) throw new PlatformApiError(`slack ${method}: ${String(data.error)}`);
    return data;
  }

  async post(target: SlackTarget, message: OutMessage): Promise<MessageRef> {
    const data = await this.#call("chat.postMessage", {
      channel: target.channel,
      thread_ts: target.threadTs,
      text: message.text.slice(0, TEXT_MAX),
      blocks: blocks(message),
    });
    if (typeof data.ts !== "string") throw new PlatformApiError("slack chat.postMessage: no ts");
    return {
      channel: typeof data.channel === "string" ? data.channel : target.channel,
      ts: data.ts,
    };
  }

  /**
   * Slack's external upload: ask for an upload URL, send the bytes there, then share the file
   * in the thread (`files.upload` is retired).
   */
  async upload(target: SlackTarget, file: OutFile): Promise<void> {
    const slot = await this.#call(
      "files.getUploadURLExternal",
      new URLSearchParams({ filename: file.name, length: String(file.bytes.byteLength) }),
    );
    if (typeof slot.upload_url !== "string" || typeof slot.file_id !== "string") {
      throw new PlatformApiError("slack files.getUploadURLExternal: no upload_url");
    }
    await callApi("slack file upload", slot.upload_url, {
      method: "POST",
      headers: { "content-type": file.mime },
      body: file.bytes,
    });
    await this.#call("files.completeUploadExternal", {
      files: [{ id: slot.file_id, title: file.name }],
      channel_id: target.channel,
      thread_ts: target.threadTs,
    });
  }

  async update(ref: MessageRef, message: OutMessage): Promise<void> {
    await this.#call("chat.update", {
      channel: ref.channel,
      ts: ref.ts,
      text: message.text.slice(0, TEXT_MAX),
      // An empty list removes buttons a removed action left behind.
      blocks: blocks(message) ?? [],
    });
  }
}
