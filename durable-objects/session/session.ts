/**
 * The runtime of one chat session: runs hooks in their scope, owns tasks, keeps the lifecycle
 * flags in storage and serves the one alarm. Its storage (./store/) and its emitter are
 * private; its modules change the chat through its verbs, so every change is logged, sent and
 * queued for D1. The Durable Object class only forwards platform entry points here.
 */
import { appConfig } from "../../protocol/app.js";
import type { ElementData, FeedbackData, StepData } from "../../protocol/frames.js";
import { utf8Bytes } from "../../protocol/utf8.js";
import { hooks } from "../sdk/hooks.js";
import { decodeValue, encodeValue } from "../sdk/serialize.js";
import { User } from "../sdk/user.js";
import { releaseWaiters, resolveAsk } from "./asks.js";
import { hookScope, TaskCancelledError } from "./context.js";
import { callDeadlines, expireCalls } from "./copilot.js";
import { SessionDoor } from "./door.js";
import { Emitter, type EventBody, type StateEvent } from "./emitter.js";
import { HookRun } from "./hook-run.js";
import { closeMcpClients } from "./mcp.js";
import { Meter, type MeterReading } from "./meter.js";
import { Persister } from "./persist.js";
import { snapshot } from "./snapshot.js";
import { socketState } from "./sockets.js";
import type { ElementReader } from "./store/elements.js";
import type { InFlightStore } from "./store/in-flight.js";
import { SessionStore } from "./store/index.js";
import type { MetaStore } from "./store/meta.js";
import type { LazyTable } from "./store/schema.js";
import type { StepReader } from "./store/steps.js";
import type { UploadStore } from "./store/uploads.js";
import type { UserSessionStore } from "./store/user-session.js";
import { saveValues } from "./user-values.js";

export const STOPPED_NOTICE = "Task manually stopped.";

/** How long a created session may wait for its first hello before it is deleted. */
export const UNOPENED_SESSION_MS = 10 * 60 * 1000;

/**
 * The session's own modules (frame handlers, asks, uploads, persistence) work with this object:
 * its verbs, and the per-concept stores below; author code gets only its `door`
 * (session/door.ts). The event log, the D1 outbox and the emitter are private: events leave
 * only through the verbs, so each is logged, folded into state, sent and queued for D1.
 */
export class Session {
  readonly #store: SessionStore;
  readonly #emitter: Emitter;
  /** @internal The session's facts (owner, status, name, deadlines): for its own modules. */
  readonly meta: MetaStore;
  /** @internal The chat's steps as they are now; they change through `putStep` & co. */
  readonly steps: StepReader;
  /** @internal The chat's elements; they change through `putElement`/`removeElement`. */
  readonly elements: ElementReader;
  /** @internal `cl.userSession` and what Edgelit keeps beside it. */
  readonly values: UserSessionStore;
  /** @internal Running tasks, the open ask, client message ids seen. */
  readonly inFlight: InFlightStore;
  /** @internal The records of uploads (files.ts owns their policy). */
  readonly uploads: UploadStore;
  readonly #persister: Persister;
  readonly #tasks = new Map<string, HookRun>();
  /** What this instance's writes cost (session/meter.ts). */
  readonly #meter = new Meter();
  /** What hook code may do to this session. */
  readonly door: SessionDoor;

  constructor(
    readonly ctx: DurableObjectState,
    readonly env: Env,
  ) {
    const store = new SessionStore(this.#meter.wrap(ctx.storage.sql));
    this.#store = store;
    this.meta = store.meta;
    this.steps = store.steps;
    this.elements = store.elements;
    this.values = store.values;
    this.inFlight = store.inFlight;
    this.uploads = store.uploads;
    this.#emitter = new Emitter(ctx, store.log, store.steps);
    this.#persister = new Persister(this, store.outbox, this.#meter);
    store.outbox.onDirty = () => this.#persister.soon();
    this.door = new SessionDoor(this, this.#meter);
  }

  /** True once the session was created (and until its storage is deleted). */
  get exists(): boolean {
    return this.#store.exists;
  }

  /**
   * @internal A feature module's own table (copilot calls, MCP servers, the chat platform, the
   * token total), on the metered SQLite: for `read`, null while it does not exist (it is made on
   * its first `write`, store/schema.ts LAZY_TABLES) or the session was never created.
   */
  table(name: LazyTable, use: "read" | "write"): SqlStorage | null {
    return this.#store.table(name, use);
  }

  // --- events: each is logged, folded into state, sent and queued for D1 (./emitter.ts) ------

  /**
   * Logs and sends an event that changes neither a step nor an element (those have their own
   * verbs, which also write them to storage); returns its seq.
   */
  emit(event: StateEvent): number {
    return this.#emitter.emit(event);
  }

  /** Shows a step or message, or its new state (its pending tokens go first). */
  putStep(step: StepData): void {
    this.#emitter.step(step);
  }

  /** A step as it is now, its pending tokens sent first. */
  currentStep(id: string): StepData | undefined {
    return this.#emitter.current(id);
  }

  /** Appends `token` to a step's text (`replace`: becomes its text); coalesced into frames. */
  streamToken(stepId: string, token: string, replace: boolean): void {
    this.#emitter.token(stepId, token, replace);
  }

  /** Removes a step from the chat. */
  removeStep(id: string): void {
    this.#emitter.remove(id);
  }

  /** Records the user's feedback on a step. */
  feedback(id: string, value: FeedbackData): void {
    this.#emitter.feedback(id, value);
  }

  /** Sends the tokens waiting to be coalesced now. */
  flush(): void {
    this.#emitter.flush();
  }

  /** Shows an element, or its new state. */
  putElement(element: ElementData): void {
    this.#store.elements.put(element);
    this.#emitter.emit({ type: "element", element });
  }

  /** Removes an element from the chat. */
  removeElement(id: string): void {
    this.#store.elements.delete(id);
    this.#emitter.emit({ type: "element_remove", id });
  }

  /** Has `observer` see every event once it is logged and sent (a chat platform's client). */
  observe(observer: (event: EventBody) => void): void {
    this.#emitter.observer = observer;
  }

  /** True while a task (a hook that may be stopped) runs. */
  get running(): boolean {
    return this.#tasks.size > 0;
  }

  /**
   * Deletes the session's storage and starts over empty (a deleted thread): its tasks are
   * cancelled, waiting hooks released, a D1 write in flight finished, its sockets closed.
   */
  async erase(): Promise<void> {
    for (const task of this.#tasks.values()) task.cancel();
    this.#tasks.clear();
    releaseWaiters(this);
    await this.#persister.idle();
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.close(4004, "thread deleted");
      } catch {
        // Already closing.
      }
    }
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.#store.reset();
    this.#persister.reset();
  }

  /** The seq of the last event sent. */
  get seq(): number {
    return this.#store.log.seq;
  }

  /** The encoded events after `seq` (a reconnecting client's), or null when some were trimmed. */
  eventsAfter(seq: number): string[] | null {
    return this.#store.log.after(seq);
  }

  /** The write-path counters, the storage held and what a snapshot costs to send. */
  meterReading(): MeterReading {
    const { doStatements, doRowsWritten, d1Batches, d1Statements, d1BoundBytes, r2Puts, r2Bytes } =
      this.#meter;
    const seq = this.#store.log.seq;
    return {
      doStatements,
      doRowsWritten,
      doBytes: this.ctx.storage.sql.databaseSize,
      d1Batches,
      d1Statements,
      d1BoundBytes,
      r2Puts,
      r2Bytes,
      eventLogEvents: this.#store.log.count(),
      eventLogBytes: this.#store.log.bytes,
      snapshotBytes: utf8Bytes(JSON.stringify({ type: "snapshot", seq, snapshot: snapshot(this) })),
    };
  }

  get id(): string {
    return (this.exists && this.meta.get("sessionId")) || "";
  }

  /**
   * Claims a fresh session for its owner; false when it belongs to someone else. A session
   * nobody opens within UNOPENED_SESSION_MS is deleted whole by the alarm.
   */
  async create(sessionId: string, owner: string): Promise<boolean> {
    const current = this.owner();
    if (current !== undefined) return current === owner;
    this.#store.init();
    this.meta.set("sessionId", sessionId);
    this.meta.set("owner", owner);
    this.meta.set("status", "new");
    this.meta.set("createdAt", Date.now());
    this.meta.set("unopenedUntil", Date.now() + UNOPENED_SESSION_MS);
    await this.scheduleAlarm();
    return true;
  }

  /** Who owns the session; undefined when there is no such session. */
  owner(): string | undefined {
    return this.exists ? this.meta.get("owner") : undefined;
  }

  /** The user connected to the session, as the Worker verified them. */
  user(): User {
    const encoded = this.values.get("user");
    const user = encoded ? decodeValue(encoded) : null;
    return user instanceof User ? user : new User({ identifier: this.owner() ?? "user" });
  }

  /** Keeps the user the Worker verified for this connection (`cl.userSession.get("user")`). */
  setUser(user: User): void {
    this.values.set("user", encodeValue(user, "user"));
  }

  /**
   * Records a user-typed message step. Its id is made here (a client never names storage keys);
   * the client's own message id rides along as `metadata.clientId` so the UI can match its echo.
   * The first one names the thread.
   */
  userStep(
    content: string,
    clientId?: string,
    /** More metadata: a message's `command` and `modes` (./composer.ts). */
    extra: Record<string, unknown> = {},
  ): StepData {
    const user = this.user();
    const step: StepData = {
      id: crypto.randomUUID(),
      parentId: null,
      type: "user_message",
      name: user.displayName ?? user.identifier,
      output: content,
      createdAt: Date.now(),
      order: this.steps.nextOrder(),
      ...(clientId || Object.keys(extra).length > 0
        ? { metadata: { ...(clientId ? { clientId } : {}), ...extra } }
        : {}),
    };
    this.#emitter.step(step);
    if (!this.meta.get("threadName")) {
      const name = content.trim().slice(0, 100) || "New chat";
      this.meta.set("threadName", name);
      this.#emitter.emit({ type: "thread", threadId: this.id, name });
      this.#persister.soon();
    }
    return step;
  }

  // --- author code ----------------------------------------------------------------------------

  /** Runs author code in its scope; a throw becomes an error message. */
  async runHook(name: string, fn: () => unknown, task: HookRun | null = null): Promise<void> {
    try {
      await hookScope.run({ session: this.door, run: task, parentId: null }, fn);
    } catch (err) {
      if (task?.cancelled || err instanceof TaskCancelledError) return;
      console.error(`Edgelit: ${name} failed:`, err);
      this.errorMessage(err);
    } finally {
      if (!task?.cancelled) this.#emitter.flush();
      saveValues(this.values);
    }
  }

  /** Runs author code as a stoppable task; returns when it ends or is stopped. */
  async runTask(name: string, fn: () => unknown): Promise<void> {
    const task = new HookRun(name);
    this.#tasks.set(task.id, task);
    this.inFlight.addTask(task.id);
    if (this.#tasks.size === 1) this.#emitter.emit({ type: "task", running: true });
    await Promise.race([this.runHook(name, fn, task), task.stopped]);
    if (!task.cancelled) this.#closeOpen(task);
    this.#endTask(task);
    await this.#persister.flush();
  }

  #endTask(task: HookRun): void {
    if (!this.#tasks.delete(task.id)) return;
    this.inFlight.removeTask(task.id);
    if (this.#tasks.size === 0) this.#emitter.emit({ type: "task", running: false });
  }

  /** Ends steps and streams a task left open (it returned, failed or was stopped). */
  #closeOpen(task: HookRun): void {
    this.#emitter.flush();
    for (const id of task.open) this.#finish(id);
    task.open.clear();
  }

  #finish(id: string, patch: Partial<StepData> = {}): void {
    const step = this.steps.get(id);
    if (!step || (!step.streaming && !step.running)) return;
    const { streaming: _s, running: _r, ...rest } = step;
    this.#emitter.step({
      ...rest,
      ...(step.running ? { running: false, endedAt: Date.now() } : {}),
      ...patch,
    });
  }

  /** The user pressed stop: cancel every running task, tell the user, run onStop. */
  async stop(): Promise<void> {
    const running = [...this.#tasks.values()];
    if (running.length === 0) return;
    for (const task of running) task.cancel();
    for (const task of running) this.#closeOpen(task);
    this.notice(STOPPED_NOTICE);
    for (const task of running) this.#endTask(task);
    if (hooks.stop) await this.runHook("onStop", hooks.stop);
  }

  /** A short message from Edgelit itself, kept out of the chat context. */
  notice(text: string): void {
    this.#emitter.step({
      id: crypto.randomUUID(),
      parentId: null,
      type: "assistant_message",
      name: "System",
      output: text,
      createdAt: Date.now(),
      order: this.steps.nextOrder(),
      metadata: { notice: true },
    });
  }

  errorMessage(err: unknown): void {
    this.#emitter.step({
      id: crypto.randomUUID(),
      parentId: null,
      type: "assistant_message",
      name: "Error",
      output: err instanceof Error ? err.message : String(err),
      isError: true,
      createdAt: Date.now(),
      order: this.steps.nextOrder(),
    });
  }

  // --- connection (hello: ./hello.ts; snapshots: ./snapshot.ts) -----------------------------

  /** Last client gone: the session ends after `session_timeout`, or now for a new chat. */
  async socketClosed(newChat: boolean): Promise<void> {
    const others = this.ctx.getWebSockets().filter((ws) => socketState(ws).ready);
    if (others.length > 0) return;
    if (newChat) return this.end();
    this.meta.set("endAt", Date.now() + appConfig.project.session_timeout * 1000);
    await this.scheduleAlarm();
  }

  /** Ends the session: open asks resolve to undefined, onChatEnd runs. */
  async end(): Promise<void> {
    if (this.meta.get("status") !== "active") return;
    this.meta.set("status", "ended");
    this.meta.delete("endAt");
    for (const ask of this.inFlight.asks()) resolveAsk(this, ask.id, undefined);
    if (hooks.chatEnd) await this.runHook("onChatEnd", hooks.chatEnd);
    await closeMcpClients(this);
  }

  // --- alarms and recovery ------------------------------------------------------------------

  /** One alarm serves every deadline: ask timeouts, the session end and the D1 write. */
  async scheduleAlarm(): Promise<void> {
    const deadlines = this.inFlight.asks().map((a) => a.deadline);
    const endAt = this.meta.get("endAt");
    if (endAt !== undefined) deadlines.push(endAt);
    const persistAt = this.meta.get("persistAt");
    if (persistAt !== undefined) deadlines.push(persistAt);
    const unopenedUntil = this.meta.get("unopenedUntil");
    if (unopenedUntil !== undefined) deadlines.push(unopenedUntil);
    deadlines.push(...callDeadlines(this));
    if (deadlines.length === 0) return;
    await this.ctx.storage.setAlarm(Math.min(...deadlines));
  }

  async alarm(): Promise<void> {
    if (!this.exists) return;
    const now = Date.now();
    if (await this.#dropUnopened(now)) return;
    for (const ask of this.inFlight.asks())
      if (ask.deadline <= now) resolveAsk(this, ask.id, undefined);
    expireCalls(this, now);
    const endAt = this.meta.get("endAt");
    if (endAt !== undefined && endAt <= now) await this.end();
    if (this.#persister.due(now)) await this.#persister.flush();
    await this.scheduleAlarm();
  }

  /**
   * Deletes a session nobody opened in time, storage and all (it was never a thread: nothing
   * in D1 or R2). A client connecting right now postpones it.
   */
  async #dropUnopened(now: number): Promise<boolean> {
    const until = this.meta.get("unopenedUntil");
    if (until === undefined || until > now || this.meta.get("status") !== "new") return false;
    if (this.ctx.getWebSockets().length > 0) {
      this.meta.set("unopenedUntil", now + UNOPENED_SESSION_MS);
      return false;
    }
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.#store.forget();
    this.#persister.reset();
    return true;
  }

  /**
   * A fresh instance finds tasks or asks in storage only when the previous instance died
   * mid-hook (a deploy, a restart): hook code cannot outlive that, so end them visibly.
   */
  recover(): void {
    if (!this.exists) return;
    const cutTasks = this.inFlight.taskIds();
    const cutAsks = this.inFlight.asks();
    if (cutTasks.length === 0 && cutAsks.length === 0) return;
    for (const step of this.steps.all()) {
      if (step.streaming || step.running) {
        this.#finish(step.id, { metadata: { ...step.metadata, interrupted: true } });
      }
    }
    for (const ask of cutAsks) resolveAsk(this, ask.id, undefined);
    for (const id of cutTasks) this.inFlight.removeTask(id);
    if (cutTasks.length > 0) this.#emitter.emit({ type: "task", running: false });
    this.notice(
      cutAsks.length > 0
        ? "The server restarted while waiting for your answer; that question was cancelled."
        : "The server restarted and interrupted this answer.",
    );
  }
}
