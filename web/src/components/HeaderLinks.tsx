/**
 * `UI.github` and `[[UI.header_links]]`: links in the header, as in Chainlit. The URLs come from
 * the app's config, which only accepts http(s) URLs and `/public/...` paths, so a link can never
 * be `javascript:`; external links open in a new tab without an opener.
 */
import { For, Show } from "solid-js";
import { useSession } from "../state/session";

const GITHUB_PATH =
  "M12 .5a11.5 11.5 0 0 0-3.6 22.4c.6.1.8-.3.8-.6v-2c-3.2.7-3.9-1.5-3.9-1.5-.5-1.3-1.3-1.7-1.3-1.7-1-.7.1-.7.1-.7 1.2.1 1.8 1.2 1.8 1.2 1 1.8 2.8 1.3 3.5 1 .1-.8.4-1.3.7-1.6-2.6-.3-5.3-1.3-5.3-5.7 0-1.3.5-2.3 1.2-3.1-.1-.3-.5-1.5.1-3.1 0 0 1-.3 3.2 1.2a11 11 0 0 1 5.8 0c2.2-1.5 3.2-1.2 3.2-1.2.6 1.6.2 2.8.1 3.1.8.8 1.2 1.8 1.2 3.1 0 4.4-2.7 5.4-5.3 5.7.4.4.8 1.1.8 2.2v3.3c0 .3.2.7.8.6A11.5 11.5 0 0 0 12 .5z";

const external = (url: string) => !url.startsWith("/");

export function HeaderLinks() {
  const session = useSession();
  const ui = () => session.config.ui;
  return (
    <>
      <For each={ui().header_links}>
        {(link) => (
          <a
            class="header-link secondary"
            href={link.url}
            target={external(link.url) ? "_blank" : undefined}
            rel="noopener noreferrer"
          >
            <Show when={link.icon_url}>
              {(icon) => <img src={icon()} alt="" class="header-link-icon" />}
            </Show>
            {link.name}
          </a>
        )}
      </For>
      <Show when={ui().github}>
        {(url) => (
          <a
            id="github-button"
            class="icon-button"
            href={url()}
            target="_blank"
            rel="noopener noreferrer"
            title="GitHub"
          >
            <span class="visually-hidden">GitHub</span>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d={GITHUB_PATH} />
            </svg>
          </a>
        )}
      </Show>
    </>
  );
}
