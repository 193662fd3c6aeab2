/**
 * The copilot widget: `<script src="https://APP/copilot/index.js">` then
 * `window.mountEdgelitWidget({ serverUrl, ... })`. The button is drawn at once, with no network
 * (so it appears fast); the chat connects when the panel first opens, or at once with
 * `opened: true`. Everything lives in one open shadow root, isolated from the host page's CSS.
 * Host functions answer `cl.CopilotFunction` calls; window messages go both ways.
 */
import type { ClientFrame, ServerFrame } from "../../../protocol/frames";
import { addPending, applyServerFrame, type ChatState, makeChatState } from "../../src/state/chat";
import { type AccessToken, makeLink } from "./link";
import { CSS } from "./styles";
import { makeView } from "./view";

/** Options of `window.mountEdgelitWidget`. */
export interface WidgetOptions {
  /** The Edgelit app's URL (its origin must list this page's origin in `allow_origins`). */
  serverUrl: string;
  /** "light" (default) or "dark". */
  theme?: "light" | "dark";
  /** The widget's `lang` (its own texts are English). */
  language?: string;
  /** The floating button: its label and side. */
  button?: { label?: string; position?: "bottom-right" | "bottom-left" };
  /** Open the panel at once. @default false */
  opened?: boolean;
  /** Proves who the user is to the app's `cl.headerAuthCallback` (as `Authorization: Bearer`). */
  accessToken?: AccessToken;
  /** Functions `cl.CopilotFunction` may call (else the `edgelit-call-fn` window event). */
  functions?: Record<string, (args: Record<string, unknown>) => unknown>;
  /** The panel's title. @default "Assistant" */
  title?: string;
}

/** What `mountEdgelitWidget` returns. */
export interface Widget {
  open(): void;
  close(): void;
  /** Sends JSON to the app's `cl.onWindowMessage`. */
  sendMessage(data: unknown): void;
  unmount(): void;
}

declare global {
  interface Window {
    mountEdgelitWidget: (options: WidgetOptions) => Widget;
  }
}

function mount(options: WidgetOptions): Widget {
  const host = document.createElement("div");
  host.setAttribute("data-edgelit-copilot", "");
  const shadow = host.attachShadow({ mode: "open" });
  const root = document.createElement("div");
  root.className = `root${options.theme === "dark" ? " dark" : ""}${options.button?.position === "bottom-left" ? " left" : ""}`;
  if (options.language) root.lang = options.language;
  root.innerHTML = `<style>${CSS}</style><button id="edgelit-copilot-button" type="button" aria-label="Open the assistant">💬</button><div id="edgelit-copilot" role="dialog" hidden><header><span class="title"></span><button type="button" class="new-chat">New chat</button><button type="button" class="close" aria-label="Close">✕</button></header><div class="messages"></div><div class="status"></div><div class="ask"></div><form><textarea placeholder="Type your message here..."></textarea><button type="submit">Send</button></form></div>`;
  shadow.appendChild(root);
  document.body.appendChild(host);

  const $ = <T extends Element>(selector: string) => root.querySelector(selector) as T;
  const button = $<HTMLButtonElement>("#edgelit-copilot-button");
  const panel = $<HTMLDivElement>("#edgelit-copilot");
  const status = $<HTMLDivElement>(".status");
  const askBox = $<HTMLDivElement>(".ask");
  const form = $<HTMLFormElement>("form");
  const input = $<HTMLTextAreaElement>("textarea");
  const submit = $<HTMLButtonElement>("form button");
  $<HTMLSpanElement>(".title").textContent = options.title ?? "Assistant";
  if (options.button?.label) button.textContent = options.button.label;

  let state: ChatState = makeChatState();
  let frame = 0;
  let started = false;
  const outbox: ClientFrame[] = [];

  const send = (f: ClientFrame) => {
    if (!link.send(f)) outbox.push(f);
  };
  const view = makeView($<HTMLDivElement>(".messages"), send);

  const draw = () => {
    frame = 0;
    view.draw(state);
    submit.textContent = state.running ? "Stop" : "Send";
    submit.disabled = false;
    askBox.textContent = "";
    const ask = state.ask;
    if (ask?.kind === "action") {
      for (const action of ask.actions ?? []) {
        const b = document.createElement("button");
        b.type = "button";
        b.id = action.id;
        b.textContent = action.label ?? action.name;
        b.onclick = () => send({ type: "ask_reply", askId: ask.id, actionId: action.id });
        askBox.appendChild(b);
      }
    } else if (ask?.kind === "file") {
      askBox.textContent = "This question needs a file: answer it in the app.";
    }
    status.textContent = state.error ? state.error.message : (status.dataset.link ?? "");
    const list = $<HTMLDivElement>(".messages");
    list.scrollTop = list.scrollHeight;
  };
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };

  const callFn = async (name: string, id: string, args: Record<string, unknown>) => {
    const answer = (result: unknown, error?: string) =>
      send(
        error === undefined
          ? { type: "call_fn_result", id, result }
          : { type: "call_fn_result", id, error },
      );
    try {
      const fn = options.functions?.[name];
      if (fn) return answer(await fn(args));
      let answered = false;
      const callback = (result: unknown) => {
        if (!answered) answer(result);
        answered = true;
      };
      const event = new CustomEvent("edgelit-call-fn", { detail: { name, args, callback } });
      window.dispatchEvent(event);
      // With an explicit function list, a name not in it and not taken by a listener fails now.
      if (!answered && options.functions && !event.defaultPrevented) {
        answer(null, `the host page has no function "${name}"`);
      }
    } catch (err) {
      answer(null, err instanceof Error ? err.message : String(err));
    }
  };

  const onFrame = (f: ServerFrame) => {
    if (f.type === "call_fn") return void callFn(f.name, f.id, f.args);
    // Posted to this page's own window, for its origin only (never "*").
    if (f.type === "window_message") return window.postMessage(f.data, location.origin);
    if (f.type === "ready") {
      for (const queued of outbox.splice(0)) link.send(queued);
    }
    state = applyServerFrame(state, f);
    schedule();
  };

  const link = makeLink({
    serverUrl: options.serverUrl,
    accessToken: options.accessToken,
    onFrame,
    lastSeq: () => state.seq,
    onStatus: (s, detail) => {
      status.dataset.link =
        s === "open" ? "" : s === "error" ? `Cannot connect: ${detail}` : `${s}…`;
      schedule();
    },
  });

  const open = () => {
    panel.hidden = false;
    if (!started) {
      started = true;
      link.start();
    }
    input.focus();
  };
  const close = () => {
    panel.hidden = true;
  };
  button.onclick = () => (panel.hidden ? open() : close());
  $<HTMLButtonElement>(".close").onclick = close;
  $<HTMLButtonElement>(".new-chat").onclick = () => {
    state = makeChatState();
    view.clear();
    link.restart(true);
    schedule();
  };
  form.onsubmit = (event) => {
    event.preventDefault();
    if (state.running && !input.value.trim()) return void send({ type: "stop" });
    const content = input.value.trim();
    if (!content) return;
    input.value = "";
    const ask = state.ask;
    if (ask?.kind === "text") {
      send({ type: "ask_reply", askId: ask.id, text: content });
      return;
    }
    const id = crypto.randomUUID();
    state = addPending(state, { id, content, createdAt: Date.now() });
    send({ type: "message", id, content });
    schedule();
  };
  input.onkeydown = (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  };
  if (options.opened) open();

  return {
    open,
    close,
    sendMessage: (data) => {
      if (!started) {
        started = true;
        link.start();
      }
      send({ type: "window_message", data });
    },
    unmount: () => {
      link.close();
      host.remove();
    },
  };
}

window.mountEdgelitWidget = mount;
