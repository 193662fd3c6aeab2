/**
 * The app's hooks, registered when the app module is imported. One registry per Worker
 * isolate; the session Durable Object and the Worker read it.
 */
import type { Action } from "./action.js";
import type { McpClient, McpConnection } from "./mcp.js";
import type { Message } from "./message.js";
import type { ChatProfile, Starter } from "./profiles.js";
import type { User } from "./user.js";

/** A hook may answer now or later. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * What `cl.onChatResume` receives: the thread being reopened, with its steps and elements.
 * @example
 * cl.onChatResume((thread) => { cl.userSession.set("turns", thread.steps.length); });
 */
export interface ThreadInfo {
  id: string;
  name: string;
  createdAt: number;
  steps: import("../../protocol/frames.js").StepData[];
  elements: import("../../protocol/frames.js").ElementData[];
  userIdentifier: string;
}

/**
 * What `cl.onFeedback` receives: the answer's id, 1 (thumbs up) or 0 (down), and a comment.
 * @example
 * cl.onFeedback((feedback) => { if (feedback.value === 0) console.log(feedback.forId, feedback.comment); });
 */
export interface Feedback {
  forId: string;
  value: 0 | 1;
  comment?: string;
}

/** @internal Every hook an app can register, by key; `hooks` below is the one instance. */
export interface HookRegistry {
  chatStart?: () => MaybePromise<unknown>;
  message?: (message: Message) => MaybePromise<unknown>;
  stop?: () => MaybePromise<unknown>;
  chatEnd?: () => MaybePromise<unknown>;
  chatResume?: (thread: ThreadInfo) => MaybePromise<unknown>;
  settingsUpdate?: (settings: Record<string, unknown>) => MaybePromise<unknown>;
  feedback?: (feedback: Feedback) => MaybePromise<unknown>;
  actions: Map<string, (action: Action) => MaybePromise<unknown>>;
  passwordAuth?: (username: string, password: string) => MaybePromise<User | null | undefined>;
  headerAuth?: (headers: Headers) => MaybePromise<User | null | undefined>;
  oauth?: (
    providerId: string,
    token: string,
    rawUserData: Record<string, unknown>,
    defaultUser: User,
  ) => MaybePromise<User | null | undefined>;
  chatProfiles?: (user: User | null) => MaybePromise<ChatProfile[]>;
  starters?: (user: User | null) => MaybePromise<Starter[]>;
  windowMessage?: (data: unknown) => MaybePromise<unknown>;
  mcpConnect?: (connection: McpConnection, client: McpClient) => MaybePromise<unknown>;
  mcpDisconnect?: (name: string) => MaybePromise<unknown>;
}

/** @internal The registry the runtime reads. */
export const hooks: HookRegistry = { actions: new Map() };

/**
 * Thrown when an app registers a hook a second time: the second function would silently replace
 * the first, which is never what the author meant.
 * @example
 * cl.onMessage(answer);
 * cl.onMessage(otherAnswer); // throws HookRegisteredTwiceError: register each hook once
 */
export class HookRegisteredTwiceError extends Error {
  constructor(call: string) {
    super(`${call} is registered twice: the second one would replace the first; register it once`);
    this.name = "HookRegisteredTwiceError";
  }
}

type SingleHook = Exclude<keyof HookRegistry, "actions">;

/** @internal Registers a single hook; a second, different function is refused. */
export function register<K extends SingleHook>(key: K, name: string, fn: HookRegistry[K]): void {
  if (hooks[key] !== undefined && hooks[key] !== fn)
    throw new HookRegisteredTwiceError(`cl.${name}`);
  hooks[key] = fn;
}

/**
 * Runs once per new chat session (never again on reconnect or reload).
 * @example
 * cl.onChatStart(async () => { await new cl.Message("Hi!").send(); });
 */
export function onChatStart(fn: () => MaybePromise<unknown>): void {
  register("chatStart", "onChatStart", fn);
}

/**
 * Runs for each user message.
 * @example
 * cl.onMessage(async (message) => { await new cl.Message(`You said: ${message.content}`).send(); });
 */
export function onMessage(fn: (message: Message) => MaybePromise<unknown>): void {
  register("message", "onMessage", fn);
}

/**
 * Runs for each message the host page sends: the copilot widget's host, or the page the web
 * app is framed in (from an origin in `[project] allow_origins`). `data` is JSON.
 * @example
 * cl.onWindowMessage(async (data) => { await new cl.Message(`The page says ${JSON.stringify(data)}`).send(); });
 */
export function onWindowMessage(fn: (data: unknown) => MaybePromise<unknown>): void {
  register("windowMessage", "onWindowMessage", fn);
}

/**
 * Runs after the user pressed stop and the running task was cancelled.
 * @example
 * cl.onStop(() => { cl.userSession.set("stopped", true); });
 */
export function onStop(fn: () => MaybePromise<unknown>): void {
  register("stop", "onStop", fn);
}

/**
 * Runs when the session ends (no client for `session_timeout` seconds, or a new chat).
 * @example
 * cl.onChatEnd(() => { console.log("chat ended after", cl.userSession.get("turns"), "turns"); });
 */
export function onChatEnd(fn: () => MaybePromise<unknown>): void {
  register("chatEnd", "onChatEnd", fn);
}

/**
 * Runs when a user reopens a thread whose session had ended.
 * @example
 * cl.onChatResume(async (thread) => { await new cl.Message(`Welcome back to "${thread.name}".`).send(); });
 */
export function onChatResume(fn: (thread: ThreadInfo) => MaybePromise<unknown>): void {
  register("chatResume", "onChatResume", fn);
}

/**
 * Runs when the user confirms the chat settings dialog.
 * @example
 * cl.onSettingsUpdate((settings) => { cl.userSession.set("model", settings.model); });
 */
export function onSettingsUpdate(
  fn: (settings: Record<string, unknown>) => MaybePromise<unknown>,
): void {
  register("settingsUpdate", "onSettingsUpdate", fn);
}

/**
 * Runs when the user gives thumbs up/down on an answer.
 * @example
 * cl.onFeedback(async (feedback) => { await env.FEEDBACK.put(feedback.forId, String(feedback.value)); });
 */
export function onFeedback(fn: (feedback: Feedback) => MaybePromise<unknown>): void {
  register("feedback", "onFeedback", fn);
}

/**
 * Runs when an action button with this name is clicked.
 * @example
 * cl.actionCallback("help", async (action) => { await new cl.Message(`clicked ${action.label}`).send(); });
 */
export function actionCallback(name: string, fn: (action: Action) => MaybePromise<unknown>): void {
  if (hooks.actions.has(name) && hooks.actions.get(name) !== fn) {
    throw new HookRegisteredTwiceError(`cl.actionCallback("${name}")`);
  }
  hooks.actions.set(name, fn);
}

/**
 * Enables the login form; return a `cl.User` to let the user in, `null` to refuse.
 * @example
 * cl.passwordAuthCallback((username, password) =>
 *   username === "admin" && password === env.ADMIN_PASSWORD ? new cl.User({ identifier: "admin" }) : null,
 * );
 */
export function passwordAuthCallback(
  fn: (username: string, password: string) => MaybePromise<User | null | undefined>,
): void {
  register("passwordAuth", "passwordAuthCallback", fn);
}

/**
 * Enables header-based login (e.g. behind an authenticating proxy).
 * @example
 * cl.headerAuthCallback((headers) => {
 *   const email = headers.get("cf-access-authenticated-user-email");
 *   return email ? new cl.User({ identifier: email }) : null;
 * });
 */
export function headerAuthCallback(
  fn: (headers: Headers) => MaybePromise<User | null | undefined>,
): void {
  register("headerAuth", "headerAuthCallback", fn);
}

/**
 * Enables OAuth login for the providers configured with `OAUTH_<PROVIDER>_*` variables.
 * @example
 * cl.oauthCallback((providerId, token, rawUserData, defaultUser) =>
 *   providerId === "github" ? defaultUser : null,
 * );
 */
export function oauthCallback(fn: NonNullable<HookRegistry["oauth"]>): void {
  register("oauth", "oauthCallback", fn);
}

/**
 * Offers chat profiles in a selector.
 * @example
 * cl.setChatProfiles(() => [
 *   new cl.ChatProfile({ name: "Fast", markdownDescription: "A small model.", default: true }),
 *   new cl.ChatProfile({ name: "Careful", markdownDescription: "A large model." }),
 * ]);
 */
export function setChatProfiles(fn: (user: User | null) => MaybePromise<ChatProfile[]>): void {
  register("chatProfiles", "setChatProfiles", fn);
}

/**
 * Shows starter buttons on the welcome screen.
 * @example
 * cl.setStarters(() => [new cl.Starter({ label: "Write a poem", message: "Write a poem about the sea." })]);
 */
export function setStarters(fn: (user: User | null) => MaybePromise<Starter[]>): void {
  register("starters", "setStarters", fn);
}

/** True when any auth callback is registered (login is then required). */
export function authEnabled(): boolean {
  return Boolean(hooks.passwordAuth || hooks.headerAuth || hooks.oauth);
}
