/**
 * One element drawn for a display (`inline`, `side`, `page`); its root carries the contract
 * class `DISPLAY-TYPE`. Heavy viewers (plotly) load on demand.
 */
import { createResource, lazy, Match, Switch } from "solid-js";
import type { ElementData } from "../../../protocol/frames";
import { CustomElement } from "./CustomElement";
import { DataFrame } from "./DataFrame";
import { fenced, Markdown } from "./Markdown";

const PlotlyChart = lazy(() => import("./PlotlyChart"));

export type Display = ElementData["display"];

function TextElement(props: { el: ElementData; class: string }) {
  const [fetched] = createResource(
    () => (props.el.content === undefined ? props.el.url : undefined),
    async (url) => (await fetch(url)).text(),
  );
  const text = () => props.el.content ?? fetched() ?? "";
  return (
    <div class={props.class}>
      <Markdown text={props.el.language ? fenced(text(), props.el.language) : text()} />
    </div>
  );
}

export function ElementBody(props: { el: ElementData; display: Display }) {
  const cls = () => `element ${props.display}-${props.el.type} size-${props.el.size ?? "medium"}`;
  return (
    <Switch fallback={<div class={cls()}>{props.el.name}</div>}>
      <Match when={props.el.type === "image"}>
        <img class={cls()} src={props.el.url} alt={props.el.name} loading="lazy" />
      </Match>
      <Match when={props.el.type === "file"}>
        <a class={cls()} href={props.el.url} download={props.el.name}>
          {props.el.name}
        </a>
      </Match>
      <Match when={props.el.type === "text"}>
        <TextElement el={props.el} class={cls()} />
      </Match>
      <Match when={props.el.type === "pdf"}>
        <iframe class={cls()} src={props.el.url} title={props.el.name} loading="lazy" />
      </Match>
      <Match when={props.el.type === "audio"}>
        {/* biome-ignore lint/a11y/useMediaCaption: app media comes without caption tracks. */}
        <audio
          class={cls()}
          src={props.el.url}
          controls
          autoplay={props.el.autoPlay === true}
          preload={props.el.autoPlay ? "auto" : "metadata"}
          aria-label={props.el.name}
        />
      </Match>
      <Match when={props.el.type === "video"}>
        {/* biome-ignore lint/a11y/useMediaCaption: app media comes without caption tracks. */}
        <video
          class={cls()}
          src={props.el.url}
          controls
          preload="metadata"
          aria-label={props.el.name}
        />
      </Match>
      <Match when={props.el.type === "dataframe"}>
        <DataFrame class={`${cls()} dataframe`} content={props.el.content ?? ""} />
      </Match>
      <Match when={props.el.type === "plotly"}>
        <div class={cls()}>
          <PlotlyChart content={props.el.content ?? ""} url={props.el.url} />
        </div>
      </Match>
      <Match when={props.el.type === "custom"}>
        <CustomElement el={props.el} class={cls()} />
      </Match>
    </Switch>
  );
}
