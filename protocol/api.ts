/**
 * Shapes of the Worker's JSON REST answers (`/api/*`), shared by the Worker and the web client.
 * The WebSocket frames live in ./frames.ts.
 */
import type { AppConfig } from "./config.js";

/** The signed-in (or anonymous) user as the client sees it. */
export interface UserInfo {
  identifier: string;
  displayName?: string;
  metadata?: Record<string, unknown>;
  /** True for the anonymous identity of public mode. */
  anonymous: boolean;
}

export interface StarterInfo {
  label: string;
  message: string;
  icon?: string;
}

export interface ChatProfileInfo {
  name: string;
  markdownDescription?: string;
  icon?: string;
  default?: boolean;
  starters?: StarterInfo[];
}

/** `GET /api/config`: what the UI needs before it connects. */
export interface ClientConfig {
  ui: AppConfig["UI"];
  features: AppConfig["features"];
  theme: AppConfig["theme"];
  project: { name?: string; description?: string; userEnv: string[] };
  /** welcome.md, when the app has one. */
  welcome: string | null;
  user: UserInfo | null;
  auth: { required: boolean; password: boolean; header: boolean; oauthProviders: string[] };
  starters: StarterInfo[];
  chatProfiles: ChatProfileInfo[];
}

/** `POST /api/sessions`: a fresh chat session owned by the caller. */
export interface NewSession {
  sessionId: string;
}

/** `GET /api/sessions/:id/steps/:stepId`: the whole text of a step a snapshot cut short. */
export interface StepText {
  input?: string;
  output: string;
}

/** A thread in the history list. */
export interface ThreadSummary {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** `GET /api/threads?cursor=&q=`. */
export interface ThreadPage {
  threads: ThreadSummary[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}
