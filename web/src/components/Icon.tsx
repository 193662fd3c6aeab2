/**
 * An app-given icon (commands, modes, chat profiles): an image for a URL or an app `public/`
 * path, the text itself for an emoji or a short symbol. A bare icon-set name ("globe") has no
 * bundled set to draw from, so it draws nothing rather than the word.
 */
import { Match, Switch } from "solid-js";

/** True for icons drawn as an image. */
export function isIconUrl(icon: string): boolean {
  return /^(https?:\/\/|\/)/.test(icon);
}

export function Icon(props: { icon: string | undefined; class?: string }) {
  return (
    <Switch>
      <Match when={props.icon && isIconUrl(props.icon) && props.icon}>
        {(src) => <img class={`app-icon ${props.class ?? ""}`} src={src()} alt="" />}
      </Match>
      <Match when={props.icon && !/^[a-z0-9-]+$/.test(props.icon) && props.icon}>
        {(text) => (
          <span class={`app-icon ${props.class ?? ""}`} aria-hidden="true">
            {text()}
          </span>
        )}
      </Match>
    </Switch>
  );
}
