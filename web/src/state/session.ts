/**
 * One chat session as the UI sees it: which session id, the socket to it, the chat store it
 * feeds, and the user intents that become client frames. Components call these intents; none
 * of them touch the socket or the store setters directly.
 */
import { createContext, createSignal, onCleanup, useContext } from "solid-js";
import type { ClientConfig, NewSession } from "../../../protocol/api";
import type { ClientFrame } from "../../../protocol/frames";
import { isLanguageTag } from "../../../protocol/ui-strings";
import { userLanguage } from "../i18n";
import {
  backoffMs,
  CLOSE_NEW_CHAT,
  type Connection,
  type ConnectionStatus,
  makeConnection,
} from "../net/connection";
import { createChatStore } from "./chat-store";
import { type ComposerChoice, messageFrame } from "./composer";
import { readEnv } from "./env";
import { threadIdFromPath, threadPath } from "./route";
import { isString, readStored } from "./storage";
import { createToasts } from "./toasts";
import { makeWindowMessages } from "./window-messages";

export const PROFILE_KEY = "edgelit.chatProfile";

async function newSessionId(profile: string | undefined): Promise<string> {
  const res = await fetch("/api/sessions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(profile ? { chatProfile: profile } : {}),
  });
  if (!res.ok) throw new Error(`POST /api/sessions: ${res.status}`);
  const body = (await res.json()) as Partial<NewSession>;
  if (typeof body.sessionId !== "string") throw new Error("POST /api/sessions: no sessionId");
  return body.sessionId;
}

/**
 * The session of the chat page. `readOnly` (a shared thread's page, `/share/:id`) never
 * connects: its chat store is filled from a snapshot and no intent reaches a server.
 */
export function createSession(config: ClientConfig, options: { readOnly?: boolean } = {}) {
  const chat = createChatStore(() => config.ui.cot);
  const toasts = createToasts();
  const [status, setStatus] = createSignal<ConnectionStatus>("connecting");
  const [sessionId, setSessionId] = createSignal<string | null>(null);
  const [profile, setProfile] = createSignal<string | undefined>(
    readStored(PROFILE_KEY, undefined, isString) ??
      config.chatProfiles.find((p) => p.default)?.name ??
      config.chatProfiles[0]?.name,
  );
  let conn: Connection | null = null;
  let generation = 0;
  /** Listeners told when the server refuses an audio frame (MicButton stops recording). */
  const audioRefusals = new Set<() => void>();

  const hello = (): Extract<ClientFrame, { type: "hello" }> => {
    const env = readEnv();
    const frame: Extract<ClientFrame, { type: "hello" }> = {
      type: "hello",
      lastSeq: chat.peek().seq,
    };
    if (config.project.userEnv.length > 0) frame.env = env;
    const language = userLanguage();
    if (isLanguageTag(language)) frame.language = language;

    const p = profile();
    if (p) frame.chatProfile = p;
    return frame;
  };

  const moveToThread = () => {
    const id = sessionId();
    if (id && location.pathname !== threadPath(id)) history.replaceState(null, "", threadPath(id));
  };

  const connect = (id: string) => {
    setSessionId(id);
    conn = makeConnection({
      sessionId: id,
      hello,
      onStatus: setStatus,
      onFrame: (frame) => {
        if (frame.type === "toast") return toasts.show(frame.message, frame.level);
        if (frame.type === "window_message") return parentPage.post(frame.data);
        if (frame.type === "error" && frame.frame?.startsWith("audio_")) {
          for (const listener of audioRefusals) listener();
        }
        chat.apply(frame);
        if (frame.type === "thread") moveToThread();
      },
      // Messages the server never echoed may have been lost with the old socket; the server
      // recognises a resent id, so resending cannot run a message twice.
      onReady: () => {
        for (const m of chat.peek().pending) conn?.send(messageFrame(m));
      },
    });
  };

  /** Resolves the session for the current URL and connects; retries while the server is down. */
  const start = async () => {
    const mine = ++generation;
    const fromPath = threadIdFromPath(location.pathname);
    if (fromPath) return connect(fromPath);
    for (let attempt = 0; mine === generation; attempt++) {
      try {
        const id = await newSessionId(profile());
        if (mine === generation) connect(id);
        return;
      } catch {
        setStatus("reconnecting");
        await new Promise((r) => setTimeout(r, backoffMs(attempt + 1)));
      }
    }
  };

  const send = (frame: ClientFrame) => conn?.send(frame) ?? false;
  const parentPage = makeWindowMessages(config.project.allowOrigins ?? [], send);

  /** Sends a user message, with the composer's command and mode choices when it has them. */
  const sendMessage = (content: string, files?: string[], choice: ComposerChoice = {}) => {
    const message = { id: crypto.randomUUID(), content, files, ...choice, createdAt: Date.now() };
    chat.addPending(message);
    send(messageFrame(message));
    moveToThread();
  };

  /** Leaves the current session (the server may end it) and starts the one at `path`. */
  const switchTo = (path: string | null, code = 1000) => {
    conn?.close(code, "leaving");
    conn = null;
    chat.reset();
    setSessionId(null);
    if (path !== null && location.pathname !== path) history.pushState(null, "", path);
    void start();
  };

  const newChat = (nextProfile?: string) => {
    if (nextProfile !== undefined) setProfile(nextProfile);
    switchTo("/", CLOSE_NEW_CHAT);
  };

  const retryNow = () => conn?.retryNow();
  window.addEventListener("online", retryNow);
  onCleanup(() => {
    window.removeEventListener("online", retryNow);
    generation++;
    conn?.close();
  });

  return {
    config,
    /** True on a shared thread's read-only page: no composer, feedback, edits or actions. */
    readOnly: options.readOnly === true,
    chat,
    toasts,
    status,
    sessionId,
    profile,
    start,
    sendMessage,
    newChat,
    /** Opens a thread of the history without reloading the page. */
    openThread: (id: string) => {
      if (id !== sessionId()) switchTo(threadPath(id));
    },
    /** Back/forward changed the URL: follow it to that session. */
    followLocation: () => {
      const id = threadIdFromPath(location.pathname);
      if (id === null || id !== sessionId()) switchTo(null);
    },
    stop: () => send({ type: "stop" }),
    /** Replaces a sent user message's text; the server drops what followed and answers again. */
    editMessage: (id: string, content: string) => send({ type: "edit_message", id, content }),
    clickAction: (actionId: string) => {
      const ask = chat.state.ask;
      if (ask?.kind === "action" && ask.actions?.some((a) => a.id === actionId)) {
        return send({ type: "ask_reply", askId: ask.id, actionId });
      }
      return send({ type: "action", id: actionId });
    },
    replyText: (askId: string, text: string) => {
      moveToThread();
      return send({ type: "ask_reply", askId, text });
    },
    replyFiles: (askId: string, files: string[]) => send({ type: "ask_reply", askId, files }),
    /** A custom element replaces its props (the server stores and rebroadcasts them). */
    setElementProps: (id: string, props: Record<string, unknown>) =>
      send({ type: "element_props", id, props }),
    /** A custom element runs an action callback. */
    elementAction: (elementId: string, name: string, payload?: Record<string, unknown>) =>
      send(
        payload
          ? { type: "element_action", elementId, name, payload }
          : { type: "element_action", elementId, name },
      ),
    updateSettings: (values: Record<string, unknown>) => send({ type: "settings", values }),
    /** Connects an MCP server; the chat becomes a thread so a reload finds it again. */
    connectMcp: (frame: Omit<Extract<ClientFrame, { type: "mcp_connect" }>, "type">) => {
      moveToThread();
      return send({ type: "mcp_connect", ...frame });
    },
    disconnectMcp: (name: string) => send({ type: "mcp_disconnect", name }),
    /** The microphone started recording `mimeType` (`[features.audio]`). */
    startAudio: (mimeType: string) => send({ type: "audio_start", mimeType }),
    /** One piece of the recording, base64, numbered from 0. */
    sendAudioChunk: (index: number, data: string) => send({ type: "audio_chunk", index, data }),
    /** The recording ended after `chunks` pieces. */
    endAudio: (chunks: number) => send({ type: "audio_end", chunks }),
    /** Calls `listener` when the server refuses an audio frame; returns the unsubscribe. */
    onAudioRefused: (listener: () => void) => {
      audioRefusals.add(listener);
      return () => audioRefusals.delete(listener);
    },

    giveFeedback: (stepId: string, value: 0 | 1, comment?: string) =>
      send(
        comment
          ? { type: "feedback", stepId, value, comment }
          : { type: "feedback", stepId, value },
      ),
  };
}

export type Session = ReturnType<typeof createSession>;

export const SessionContext = createContext<Session>();

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside <SessionContext.Provider>");
  return session;
}
