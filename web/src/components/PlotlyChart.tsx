/**
 * A Plotly figure (its JSON in `content`, or at `url`) drawn by plotly.js. plotly.js is large,
 * so it is a chunk of its own, loaded the first time a chart appears; until then, and if it
 * fails to load, the figure's title is shown.
 */
import { createEffect, createMemo, createResource, onCleanup, Show } from "solid-js";
import { t } from "../i18n";

interface Figure {
  data?: object[];
  layout?: { title?: string | { text?: string } } & Record<string, unknown>;
}

function parseFigure(text: string): Figure | null {
  try {
    const fig = JSON.parse(text) as unknown;
    return typeof fig === "object" && fig !== null ? (fig as Figure) : null;
  } catch {
    return null;
  }
}

export default function PlotlyChart(props: { content: string; url?: string }) {
  const [remote] = createResource(
    () => (props.content ? undefined : props.url),
    async (url) => (await fetch(url)).text(),
  );
  const [plotly] = createResource(async () => (await import("plotly.js-dist-min")).default);
  const fig = createMemo(() => parseFigure(props.content || remote() || ""));
  const title = () => {
    const t = fig()?.layout?.title;
    return typeof t === "string" ? t : t?.text;
  };
  let root!: HTMLDivElement;

  createEffect(() => {
    const Plotly = plotly();
    const figure = fig();
    if (!Plotly || !figure) return;
    void Plotly.react(
      root,
      figure.data ?? [],
      { autosize: true, ...figure.layout },
      {
        responsive: true,
        displaylogo: false,
      },
    );
  });
  onCleanup(() => plotly()?.purge(root));

  return (
    <figure class="plotly-chart" aria-label={title() ?? t("Chart")}>
      <Show when={!plotly()}>
        <figcaption>
          {plotly.error
            ? t("Chart could not load: {name}", { name: title() ?? "" })
            : (title() ?? t("Chart"))}
        </figcaption>
      </Show>
      <div ref={root} class="plotly-root" />
    </figure>
  );
}
