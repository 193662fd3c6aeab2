/**
 * The runtime of one chat session: runs hooks in their scope, owns tasks and asks, answers
 * `hello` with a replay or a snapshot, and keeps the lifecycle flags in storage.
 * The Durable Object class only forwards platform entry points here.
 */
import type { StepText } from "../../protocol/api.js";
import { appConfig } from "../../protocol/app.js";
import type { ClientFrame, StepData } from "../../protocol/frames.js";
import { PROTOCOL_VERSION } from "../../protocol/frames.js";
import { utf8Bytes } from "../../protocol/utf8.js";
import { hooks, type ThreadInfo } from "../sdk/hooks.js";
import { decodeValue, encodeValue } from "../sdk/serialize.js";
import { User } from "../sdk/user.js";
import { resolveAsk } from "./asks.js";
import { composerSnapshot } from "./composer.js";
import { hookScope, TaskCancelledError } from "./context.js";
import { callDeadlines, expireCalls } from "./copilot.js";
import { SessionDoor } from "./door.js";
import { Emitter } from "./emitter.js";
import { HookRun } from "./hook-run.js";
import { rememberLanguage } from "./language.js";
import { withinLimit } from "./limits.js";
import { closeMcpClients, mcpServers } from "./mcp.js";
import { Meter, type MeterReading } from "./meter.js";
import { Persister } from "./persist.js";
import { reply, setSocketState, socketState } from "./sockets.js";
import { SessionStore } from "./store.js";
import { usageTotal } from "./usage.js";
import { saveValues } from "./user-values.js";

type HelloFrame = Extract<ClientFrame, { type: "hello" }>;

export const STOPPED_NOTICE = "Task manually stopped.";

/** How long a created session may wait for its first hello before it is deleted. */
export const UNOPENED_SESSION_MS = 10 * 60 * 1000;

/** WebSocket close code for a refused hello (RFC 6455's "Try Again Later"). */
export const TRY_AGAIN_LATER = 1013;

/**
 * The session's own modules (frame handlers, asks, uploads, persistence) work with this object
 * and its store and emitter; author code gets only its `door` (session/door.ts).
 */
export class Session {
  /** @internal The session's SQLite: for the session's own modules, never for author code. */
  readonly store: SessionStore;
  /** @internal The one way events leave: for the session's own modules, never author code. */
  readonly emitter: Emitter;
  readonly persister: Persister;
  readonly tasks = new Map<string, HookRun>();
  /** What this instance's writes cost (session/meter.ts). */
  readonly meter = new Meter();
  /** What hook code may do to this session. */
  readonly door: SessionDoor;

  constructor(
    readonly ctx: DurableObjectState,
    readonly env: Env,
  ) {
    this.store = new SessionStore(this.meter.wrap(ctx.storage.sql));
    this.emitter = new Emitter(ctx, this.store);
    this.persister = new Persister(this);
    this.store.onDirty = () => this.persister.soon();
    this.door = new SessionDoor(this);
  }

  /** The write-path counters, the storage held and what a snapshot costs to send. */
  meterReading(): MeterReading {
    const { doStatements, doRowsWritten, d1Batches, d1Statements, d1BoundBytes, r2Puts, r2Bytes } =
      this.meter;
    const seq = this.store.seq;
    return {
      doStatements,
      doRowsWritten,
      doBytes: this.ctx.storage.sql.databaseSize,
      d1Batches,
      d1Statements,
      d1BoundBytes,
      r2Puts,
      r2Bytes,
      eventLogEvents: this.store.eventCount(),
      eventLogBytes: this.store.logBytes,
      snapshotBytes: utf8Bytes(
        JSON.stringify({ type: "snapshot", seq, snapshot: this.snapshot() }),
      ),
    };
  }

  get id(): string {
    return (this.store.exists && this.store.getMeta("sessionId")) || "";
  }

  /**
   * Claims a fresh session for its owner; false when it belongs to someone else. A session
   * nobody opens within UNOPENED_SESSION_MS is deleted whole by the alarm.
   */
  async create(sessionId: string, owner: string): Promise<boolean> {
    const current = this.owner();
    if (current !== undefined) return current === owner;
    this.store.init();
    this.store.setMeta("sessionId", sessionId);
    this.store.setMeta("owner", owner);
    this.store.setMeta("status", "new");
    this.store.setMeta("createdAt", Date.now());
    this.store.setMeta("unopenedUntil", Date.now() + UNOPENED_SESSION_MS);
    await this.scheduleAlarm();
    return true;
  }

  /** Who owns the session; undefined when there is no such session. */
  owner(): string | undefined {
    return this.store.exists ? this.store.getMeta("owner") : undefined;
  }

  /** The user connected to the session, as the Worker verified them. */
  user(): User {
    const encoded = this.store.getValue("user");
    const user = encoded ? decodeValue(encoded) : null;
    return user instanceof User ? user : new User({ identifier: this.owner() ?? "user" });
  }

  /** Keeps the user the Worker verified for this connection (`cl.userSession.get("user")`). */
  setUser(user: User): void {
    this.store.setValue("user", encodeValue(user, "user"));
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
      order: this.store.nextOrder(),
      ...(clientId || Object.keys(extra).length > 0
        ? { metadata: { ...(clientId ? { clientId } : {}), ...extra } }
        : {}),
    };
    this.emitter.step(step);
    if (!this.store.getMeta("threadName")) {
      const name = content.trim().slice(0, 100) || "New chat";
      this.store.setMeta("threadName", name);
      this.emitter.emit({ type: "thread", threadId: this.id, name });
      this.persister.soon();
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
      if (!task?.cancelled) this.emitter.flush();
      saveValues(this.store);
    }
  }

  /** Runs author code as a stoppable task; returns when it ends or is stopped. */
  async runTask(name: string, fn: () => unknown): Promise<void> {
    const task = new HookRun(name);
    this.tasks.set(task.id, task);
    this.store.addTask(task.id);
    if (this.tasks.size === 1) this.emitter.emit({ type: "task", running: true });
    await Promise.race([this.runHook(name, fn, task), task.stopped]);
    if (!task.cancelled) this.#closeOpen(task);
    this.#endTask(task);
    await this.persister.flush();
  }

  #endTask(task: HookRun): void {
    if (!this.tasks.delete(task.id)) return;
    this.store.removeTask(task.id);
    if (this.tasks.size === 0) this.emitter.emit({ type: "task", running: false });
  }

  /** Ends steps and streams a task left open (it returned, failed or was stopped). */
  #closeOpen(task: HookRun): void {
    this.emitter.flush();
    for (const id of task.open) this.#finish(id);
    task.open.clear();
  }

  #finish(id: string, patch: Partial<StepData> = {}): void {
    const step = this.store.step(id);
    if (!step || (!step.streaming && !step.running)) return;
    const { streaming: _s, running: _r, ...rest } = step;
    this.emitter.step({
      ...rest,
      ...(step.running ? { running: false, endedAt: Date.now() } : {}),
      ...patch,
    });
  }

  /** The user pressed stop: cancel every running task, tell the user, run onStop. */
  async stop(): Promise<void> {
    const running = [...this.tasks.values()];
    if (running.length === 0) return;
    for (const task of running) task.cancel();
    for (const task of running) this.#closeOpen(task);
    this.notice(STOPPED_NOTICE);
    for (const task of running) this.#endTask(task);
    if (hooks.stop) await this.runHook("onStop", hooks.stop);
  }

  /** A short message from Edgelit itself, kept out of the chat context. */
  notice(text: string): void {
    this.emitter.step({
      id: crypto.randomUUID(),
      parentId: null,
      type: "assistant_message",
      name: "System",
      output: text,
      createdAt: Date.now(),
      order: this.store.nextOrder(),
      metadata: { notice: true },
    });
  }

  errorMessage(err: unknown): void {
    this.emitter.step({
      id: crypto.randomUUID(),
      parentId: null,
      type: "assistant_message",
      name: "Error",
      output: err instanceof Error ? err.message : String(err),
      isError: true,
      createdAt: Date.now(),
      order: this.store.nextOrder(),
    });
  }

  // --- connection ---------------------------------------------------------------------------

  /** Hellos in progress, by socket: frames sent right behind a hello wait for it. */
  readonly #greetings = new Map<WebSocket, Promise<void>>();

  /**
   * Resolves once the socket's hello in progress, if any, has made it ready (or was refused)
   * and has started the chat's hook. A client may send frames right behind its hello; the
   * hello awaits the rate limiter, and those frames must neither be refused as "send hello
   * first" meanwhile nor run before onChatStart has begun.
   */
  async greeted(ws: WebSocket): Promise<void> {
    await this.#greetings.get(ws);
  }

  /**
   * Answers a client's hello: `ready`, then exactly the missing events (or a snapshot), then
   * live events. Runs onChatStart once per session, ever, and onChatResume for an ended one.
   */
  async hello(ws: WebSocket, frame: HelloFrame): Promise<void> {
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.#greetings.set(ws, gate);
    try {
      if (!(await this.#greet(ws, frame))) return;
      if (frame.env) this.#setEnv(frame.env);
      rememberLanguage(this, frame.language);
      const status = this.store.getMeta("status");
      let hook: Promise<void> | undefined;
      if (status === "new") {
        this.store.setMeta("status", "active");
        this.store.deleteMeta("unopenedUntil");
        if (frame.chatProfile) await this.#chooseProfile(ws, frame.chatProfile);
        if (hooks.chatStart) hook = this.runTask("onChatStart", hooks.chatStart);
      } else if (status === "ended") {
        this.store.setMeta("status", "active");
        const resume = hooks.chatResume;
        if (resume) hook = this.runTask("onChatResume", () => resume(this.thread()));
      }
      open();
      await hook;
    } finally {
      open();
      if (this.#greetings.get(ws) === gate) this.#greetings.delete(ws);
    }
  }

  /** `ready`, the missing events or a snapshot; false when the hello was refused. */
  async #greet(ws: WebSocket, frame: HelloFrame): Promise<boolean> {
    // A hello that starts or resumes the session runs app code: it counts against the limit.
    // Refused, the socket is closed as "try again later" and the session stays as it was.
    if (this.store.getMeta("status") !== "active" && !(await withinLimit(this, ws, "hello"))) {
      ws.close(TRY_AGAIN_LATER, "rate limited");
      return false;
    }
    const state = socketState(ws);
    const seq = this.store.seq;
    ws.send(JSON.stringify({ type: "ready", sessionId: this.id, seq, protocol: PROTOCOL_VERSION }));
    const missing =
      frame.lastSeq === 0 || frame.lastSeq > seq ? null : this.store.eventsAfter(frame.lastSeq);
    if (missing) for (const event of missing) ws.send(event);
    else ws.send(JSON.stringify({ type: "snapshot", seq, snapshot: this.snapshot() }));
    setSocketState(ws, { ...state, ready: true });
    this.store.deleteMeta("endAt");
    return true;
  }

  /**
   * Keeps the client's chat profile only when `cl.setChatProfiles` offers it to this user; a
   * made-up one is refused to the client and the app never sees it.
   */
  async #chooseProfile(ws: WebSocket, name: string): Promise<void> {
    let offered: string[] = [];
    try {
      offered = ((await hooks.chatProfiles?.(this.user())) ?? []).map((p) => p.name);
    } catch (err) {
      console.error("Edgelit: setChatProfiles failed:", err);
    }
    if (offered.includes(name)) return this.store.setValue("chatProfile", JSON.stringify(name));
    reply(ws, "not_found", `chat profile "${name.slice(0, 100)}" is not offered to you`, "hello");
  }

  #setEnv(env: Record<string, string>): void {
    const allowed = new Set(appConfig.project.user_env);
    const kept = Object.fromEntries(Object.entries(env).filter(([k]) => allowed.has(k)));
    this.store.setValue("env", JSON.stringify(kept));
  }

  snapshot() {
    const settings = this.store.getMeta("settings") ?? null;
    const open = this.store.asks()[0] ?? null;
    return {
      steps: this.store.previewSteps(),
      elements: this.store.elements(),
      running: this.tasks.size > 0,
      ask: open,
      settings,
      threadName: this.store.getMeta("threadName") ?? null,
      mcp: mcpServers(this),
      usage: usageTotal(this),
      ...composerSnapshot(this),
    };
  }

  /** The whole input and output of a step (a snapshot may carry only a preview). */
  stepText(stepId: string): StepText | null {
    const step = this.store.exists ? this.store.step(stepId) : undefined;
    return step ? { input: step.input, output: step.output } : null;
  }

  thread(): ThreadInfo {
    return {
      id: this.id,
      name: this.store.getMeta("threadName") ?? "",
      createdAt: this.store.getMeta("createdAt") ?? Date.now(),
      steps: this.store.steps(),
      elements: this.store.elements(),
      userIdentifier: this.owner() ?? "",
    };
  }

  /** Last client gone: the session ends after `session_timeout`, or now for a new chat. */
  async socketClosed(newChat: boolean): Promise<void> {
    const others = this.ctx.getWebSockets().filter((ws) => socketState(ws).ready);
    if (others.length > 0) return;
    if (newChat) return this.end();
    this.store.setMeta("endAt", Date.now() + appConfig.project.session_timeout * 1000);
    await this.scheduleAlarm();
  }

  /** Ends the session: open asks resolve to undefined, onChatEnd runs. */
  async end(): Promise<void> {
    if (this.store.getMeta("status") !== "active") return;
    this.store.setMeta("status", "ended");
    this.store.deleteMeta("endAt");
    for (const ask of this.store.asks()) resolveAsk(this, ask.id, undefined);
    if (hooks.chatEnd) await this.runHook("onChatEnd", hooks.chatEnd);
    await closeMcpClients(this);
  }

  // --- alarms and recovery ------------------------------------------------------------------

  /** One alarm serves every deadline: ask timeouts, the session end and the D1 write. */
  async scheduleAlarm(): Promise<void> {
    const deadlines = this.store.asks().map((a) => a.deadline);
    const endAt = this.store.getMeta("endAt");
    if (endAt !== undefined) deadlines.push(endAt);
    const persistAt = this.store.getMeta("persistAt");
    if (persistAt !== undefined) deadlines.push(persistAt);
    const unopenedUntil = this.store.getMeta("unopenedUntil");
    if (unopenedUntil !== undefined) deadlines.push(unopenedUntil);
    deadlines.push(...callDeadlines(this));
    if (deadlines.length === 0) return;
    await this.ctx.storage.setAlarm(Math.min(...deadlines));
  }

  async alarm(): Promise<void> {
    if (!this.store.exists) return;
    const now = Date.now();
    if (await this.#dropUnopened(now)) return;
    for (const ask of this.store.asks())
      if (ask.deadline <= now) resolveAsk(this, ask.id, undefined);
    expireCalls(this, now);
    const endAt = this.store.getMeta("endAt");
    if (endAt !== undefined && endAt <= now) await this.end();
    if (this.persister.due(now)) await this.persister.flush();
    await this.scheduleAlarm();
  }

  /**
   * Deletes a session nobody opened in time, storage and all (it was never a thread: nothing
   * in D1 or R2). A client connecting right now postpones it.
   */
  async #dropUnopened(now: number): Promise<boolean> {
    const until = this.store.getMeta("unopenedUntil");
    if (until === undefined || until > now || this.store.getMeta("status") !== "new") return false;
    if (this.ctx.getWebSockets().length > 0) {
      this.store.setMeta("unopenedUntil", now + UNOPENED_SESSION_MS);
      return false;
    }
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.store.forget();
    this.persister.reset();
    return true;
  }

  /**
   * A fresh instance finds tasks or asks in storage only when the previous instance died
   * mid-hook (a deploy, a restart): hook code cannot outlive that, so end them visibly.
   */
  recover(): void {
    if (!this.store.exists) return;
    const cutTasks = this.store.taskIds();
    const cutAsks = this.store.asks();
    if (cutTasks.length === 0 && cutAsks.length === 0) return;
    for (const step of this.store.steps()) {
      if (step.streaming || step.running) {
        this.#finish(step.id, { metadata: { ...step.metadata, interrupted: true } });
      }
    }
    for (const ask of cutAsks) resolveAsk(this, ask.id, undefined);
    for (const id of cutTasks) this.store.removeTask(id);
    if (cutTasks.length > 0) this.emitter.emit({ type: "task", running: false });
    this.notice(
      cutAsks.length > 0
        ? "The server restarted while waiting for your answer; that question was cancelled."
        : "The server restarted and interrupted this answer.",
    );
  }
}
