/** An author's avatar: the `icon` URL when given, else the initial on a colour from the name. */
import { Show } from "solid-js";

function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  return h;
}

export function Avatar(props: { name: string; icon?: string }) {
  return (
    <Show
      when={props.icon}
      fallback={
        <span class="avatar" style={{ "--avatar-hue": String(hue(props.name)) }} aria-hidden="true">
          {(props.name.trim()[0] ?? "?").toUpperCase()}
        </span>
      }
    >
      {(icon) => <img class="avatar" src={icon()} alt="" />}
    </Show>
  );
}
