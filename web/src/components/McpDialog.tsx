/**
 * MCP servers of this chat (`[features.mcp] enabled`): `#mcp-button` in the composer opens
 * `#mcp-dialog`, which lists the connected servers with their tools (each removable) and adds one
 * (name, URL, streamable HTTP or SSE, optional headers). Headers are write-only: the server never
 * sends them back, so the list cannot show them.
 */
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { Portal } from "solid-js/web";
import { MCP_TRANSPORTS, type McpTransport } from "../../../protocol/mcp";
import { t } from "../i18n";
import { parseHeaderLines } from "../state/mcp-headers";
import { useSession } from "../state/session";
import { Dialog } from "./Dialog";

export function McpButton() {
  const session = useSession();
  const [open, setOpen] = createSignal(false);
  const count = () => session.chat.state.mcp.length;
  return (
    <Show when={session.config.features.mcp.enabled}>
      <button
        type="button"
        id="mcp-button"
        class="icon-button"
        aria-label={t("MCP servers ({count} connected)", { count: count() })}
        title={t("MCP servers")}
        onClick={() => setOpen(true)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M7 2v4H5v5a5 5 0 0 0 4 4.9V22h2v-6.1A5 5 0 0 0 15 11V6h-2V2h-2v4H9V2H7zm12 9h-2v2h2v-2z" />
        </svg>
        <Show when={count() > 0}>
          <span class="mcp-count">{count()}</span>
        </Show>
      </button>
      <Show when={open()}>
        {/* Outside the composer's form: the dialog has a form of its own. */}
        <Portal>
          <McpDialog onClose={() => setOpen(false)} />
        </Portal>
      </Show>
    </Show>
  );
}

function McpDialog(props: { onClose: () => void }) {
  const session = useSession();
  const chat = session.chat;
  const [name, setName] = createSignal("");
  const [url, setUrl] = createSignal("");
  const [transport, setTransport] = createSignal<McpTransport>("streamable-http");
  const [headers, setHeaders] = createSignal("");
  const [pending, setPending] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  /** Refusals numbered up to this one were about earlier attempts. */
  let seenError = chat.state.mcpError?.n ?? 0;

  createEffect(
    on(
      () => chat.state.mcp,
      (servers) => {
        const waiting = pending();
        if (waiting && servers.some((s) => s.name === waiting)) {
          setPending(null);
          setName("");
          setUrl("");
          setHeaders("");
        }
      },
    ),
  );
  createEffect(
    on(
      () => chat.state.mcpError,
      (refusal) => {
        if (!refusal || refusal.n <= seenError) return;
        seenError = refusal.n;
        setError(refusal.message);
        setPending(null);
      },
    ),
  );

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const parsed = parseHeaderLines(headers());
    if ("error" in parsed) return setError(t("Headers: {error}", { error: parsed.error }));
    setError(null);
    setPending(name().trim());
    const frame = { name: name().trim(), url: url().trim(), transport: transport() };
    const sent = session.connectMcp(
      Object.keys(parsed.headers).length > 0 ? { ...frame, headers: parsed.headers } : frame,
    );
    if (!sent) {
      setPending(null);
      setError(t("Not connected to the server; try again in a moment."));
    }
  };

  return (
    <Dialog id="mcp-dialog" title={t("MCP servers")} class="wide" onClose={props.onClose}>
      <Show
        when={chat.state.mcp.length > 0}
        fallback={<p class="mcp-empty">{t("No MCP server connected to this chat.")}</p>}
      >
        <ul id="mcp-servers" class="mcp-servers">
          <For each={chat.state.mcp}>
            {(server) => (
              <li class="mcp-server" data-name={server.name}>
                <div class="mcp-server-head">
                  <strong class="mcp-server-name">{server.name}</strong>
                  <span class="mcp-server-meta">
                    {server.transport === "sse" ? "SSE" : "HTTP"} · {server.url}
                  </span>
                  <button
                    type="button"
                    class="secondary mcp-remove"
                    aria-label={t("Remove {name}", { name: server.name })}
                    onClick={() => session.disconnectMcp(server.name)}
                  >
                    {t("Remove")}
                  </button>
                </div>
                <ul class="mcp-tools">
                  <For each={server.tools}>
                    {(tool) => (
                      <li class="mcp-tool" title={tool.description ?? ""}>
                        {tool.name}
                      </li>
                    )}
                  </For>
                </ul>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <form class="mcp-form" onSubmit={submit}>
        <label class="field">
          {t("Name")}
          <input
            id="mcp-name"
            required
            maxLength={64}
            pattern="[\w .\-]+"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          URL
          <input
            id="mcp-url"
            type="url"
            required
            placeholder="https://example.com/mcp"
            value={url()}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {t("Transport")}
          <select
            id="mcp-transport"
            onChange={(e) => {
              const picked = MCP_TRANSPORTS.find((x) => x === e.currentTarget.value);
              if (picked) setTransport(picked);
            }}
          >
            <option value="streamable-http" selected={transport() === "streamable-http"}>
              Streamable HTTP
            </option>
            <option value="sse" selected={transport() === "sse"}>
              SSE
            </option>
          </select>
        </label>
        <label class="field">
          {t('Headers (optional, one "Name: value" per line; never shown again)')}
          <textarea
            id="mcp-headers"
            rows="2"
            placeholder="Authorization: Bearer …"
            value={headers()}
            onInput={(e) => setHeaders(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <p class="alert" role="alert">
            {error()}
          </p>
        </Show>
        <div class="dialog-buttons">
          <button type="button" class="secondary" onClick={props.onClose}>
            {t("Close")}
          </button>
          <button type="submit" id="mcp-connect" disabled={pending() !== null}>
            {pending() ? t("Connecting…") : t("Connect")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
