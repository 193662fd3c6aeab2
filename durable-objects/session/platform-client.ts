/**
 * The headless client of a session that answers on a chat platform: it watches the session's
 * events and turns its assistant messages into platform messages, posted once and then updated
 * in place at most once per THROTTLE_MS each, with the final text always sent when a task ends.
 * Steps are omitted (as Chainlit's platform clients do); actions become buttons. What must
 * survive eviction (the target, the posted messages' refs) is in the session's SQLite.
 */
import type { ActionData, ElementData, StepData } from "../../protocol/frames.js";
import type { ClientType, Platform, PlatformTarget } from "../../protocol/platforms.js";
import { elementKey } from "../../schema/keys.js";
import { DiscordOutbox } from "../platforms/discord.js";
import type { MessageRef, Outbox, OutFile, OutMessage } from "../platforms/outbox.js";
import { SlackOutbox } from "../platforms/slack.js";
import { TeamsOutbox } from "../platforms/teams.js";
import type { EventBody } from "./emitter.js";
import type { Session } from "./session.js";

/** The shortest time between two updates of one platform message. */
export const THROTTLE_MS = 1000;

/** The largest element shared as a file on a platform. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Reads `platform` (a table of store/schema.ts, made when a platform first sets a target). */
function readKey(session: Session, key: string): string | undefined {
  return session
    .table("platform", "read")
    ?.exec<{ value: string }>("SELECT value FROM platform WHERE key = ?", key)
    .toArray()[0]?.value;
}

/** Where the session's client is: a platform's name, or "webapp" for a web session. */
export function clientTypeOf(session: Session): ClientType {
  const value = readKey(session, "clientType");
  return value === "slack" || value === "discord" || value === "teams" ? value : "webapp";
}

function outboxFor(platform: Platform, env: Env): Outbox {
  if (platform === "slack") return new SlackOutbox(env);
  if (platform === "discord") return new DiscordOutbox(env);
  return new TeamsOutbox(env);
}

/** What a message looks like on a platform: its text, its buttons and an open ask's choices. */
function render(session: Session, step: StepData): OutMessage {
  const ask = session.inFlight.asks().find((a) => a.stepId === step.id && a.kind === "action");
  const actions: ActionData[] = [...(step.actions ?? []), ...(ask?.actions ?? [])];
  const text = step.isError ? `⚠️ ${step.output}` : step.output;
  return { text, actions };
}

export class PlatformClient {
  readonly #outbox: Outbox;
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #lastSent = new Map<string, number>();
  /** Per message, the chain of its API calls: an update never overtakes the post. */
  readonly #chains = new Map<string, Promise<void>>();

  constructor(
    private readonly session: Session,
    readonly platform: Platform,
  ) {
    this.#outbox = outboxFor(platform, session.env);
  }

  /** Marks the session as a platform's and sets where the next answers go. */
  setTarget(target: PlatformTarget): void {
    this.session
      .table("platform", "write")
      ?.exec(
        "INSERT OR REPLACE INTO platform (key, value) VALUES ('clientType', ?), ('target', ?)",
        target.platform,
        JSON.stringify(target),
      );
  }

  #target(): PlatformTarget | undefined {
    const value = readKey(this.session, "target");
    return value ? (JSON.parse(value) as PlatformTarget) : undefined;
  }

  /** The emitter's observer: messages that changed are sent, throttled. */
  observe(event: EventBody): void {
    if (event.type === "step") {
      if (event.step.type === "assistant_message") this.#touch(event.step.id);
    } else if (event.type === "delta") {
      this.#touch(event.id);
    } else if (event.type === "ask" && event.ask?.kind === "action") {
      this.#touch(event.ask.stepId);
    } else if (event.type === "element" && this.#outbox.upload) {
      const { element } = event;
      const key = `file:${element.id}`;
      const next = (this.#chains.get(key) ?? Promise.resolve()).then(() => this.#share(element));
      this.#chains.set(key, next);
    }
  }

  /** An element's bytes, when it has some to share: inline content or the session's R2 file. */
  async #file(element: ElementData): Promise<OutFile | null> {
    const mime = element.mime ?? "application/octet-stream";
    if (element.content !== undefined && element.type !== "custom") {
      return { name: element.name, mime, bytes: new TextEncoder().encode(element.content) };
    }
    if (element.url !== `/api/sessions/${this.session.id}/elements/${element.id}`) return null;
    if ((element.bytes ?? 0) > MAX_FILE_BYTES) return null;
    const object = await this.session.env.FILES.get(elementKey(this.session.id, element.id));
    if (!object) return null;
    return { name: element.name, mime, bytes: new Uint8Array(await object.arrayBuffer()) };
  }

  /** Shares an answer's element once (a message's update re-sends its elements). */
  async #share(element: ElementData): Promise<void> {
    const owner = element.forId ? this.session.steps.get(element.forId) : undefined;
    // The user's own attachments are already on the platform.
    if (owner?.type === "user_message") return;
    const done = this.session
      .table("platform_files", "read")
      ?.exec("SELECT 1 FROM platform_files WHERE element_id = ?", element.id)
      .toArray();
    const target = this.#target();
    if ((done?.length ?? 0) > 0 || !target || target.platform !== this.platform) return;
    try {
      const file = await this.#file(element);
      if (!file) return;
      await this.#outbox.upload?.(target, file);
      this.session
        .table("platform_files", "write")
        ?.exec("INSERT OR IGNORE INTO platform_files (element_id) VALUES (?)", element.id);
    } catch (err) {
      console.error(`Edgelit: ${this.platform} file share failed:`, err);
    }
  }

  #touch(id: string): void {
    if (this.#timers.has(id)) return;
    const wait = Math.max(0, (this.#lastSent.get(id) ?? 0) + THROTTLE_MS - Date.now());
    this.#timers.set(
      id,
      setTimeout(() => {
        this.#timers.delete(id);
        void this.#push(id);
      }, wait),
    );
  }

  /** Queues one send of message `id` as it is now; resolves when it was sent (or failed). */
  #push(id: string): Promise<void> {
    const next = (this.#chains.get(id) ?? Promise.resolve()).then(() => this.#send(id));
    this.#chains.set(id, next);
    return next;
  }

  async #send(id: string): Promise<void> {
    const step = this.session.exists ? this.session.steps.get(id) : undefined;
    if (step?.type !== "assistant_message") return;
    const message = render(this.session, step);
    const sent = JSON.stringify(message);
    const row = this.session
      .table("platform_messages", "read")
      ?.exec<{ ref: string; sent: string }>(
        "SELECT ref, sent FROM platform_messages WHERE step_id = ?",
        id,
      )
      .toArray()[0];
    if (row?.sent === sent) return;
    // Platforms refuse an empty message: an answer that has not started yet waits.
    if (!row && !message.text.trim() && message.actions.length === 0) return;
    this.#lastSent.set(id, Date.now());
    try {
      if (row) {
        await this.#outbox.update(JSON.parse(row.ref) as MessageRef, message);
        this.session
          .table("platform_messages", "write")
          ?.exec("UPDATE platform_messages SET sent = ? WHERE step_id = ?", sent, id);
        return;
      }
      const target = this.#target();
      if (!target || target.platform !== this.platform) return;
      const ref = await this.#outbox.post(target, message);
      // The post may have used up part of the target (Discord's placeholder).
      this.setTarget(target);
      this.session
        .table("platform_messages", "write")
        ?.exec(
          "INSERT OR REPLACE INTO platform_messages (step_id, ref, sent) VALUES (?, ?, ?)",
          id,
          JSON.stringify(ref),
          sent,
        );
    } catch (err) {
      // The answer stays in the session (and on the web); the platform just missed one send.
      console.error(`Edgelit: ${this.platform} send failed:`, err);
    }
  }

  /**
   * Sends what is still waiting as soon as the throttle allows, and resolves when every call
   * is done: the end of a task, so each message's final text is on the platform.
   */
  async settle(): Promise<void> {
    const waiting = [...this.#timers.keys()];
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    const sends = waiting.map(async (id) => {
      const wait = (this.#lastSent.get(id) ?? 0) + THROTTLE_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await this.#push(id);
    });
    await Promise.all(sends);
    await Promise.all(this.#chains.values());
  }
}

const clients = new WeakMap<Session, PlatformClient>();

/** The session's platform client, watching its events from now on. */
export function platformClient(session: Session, platform: Platform): PlatformClient {
  let client = clients.get(session);
  if (!client || client.platform !== platform) {
    const created = new PlatformClient(session, platform);
    session.observe((event) => created.observe(event));
    clients.set(session, created);
    client = created;
  }
  return client;
}
