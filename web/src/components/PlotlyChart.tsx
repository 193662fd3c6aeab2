/**
 * A light stand-in for Plotly: draws `scatter` (lines/markers) and `bar` traces of a Plotly
 * figure JSON as SVG. The full plotly.js (~1 MB) is not bundled; other trace types show the
 * figure's title and a note. Loaded as its own chunk the first time a chart appears.
 */
import { createMemo, createResource, For, Show } from "solid-js";

interface Trace {
  type?: string;
  name?: string;
  mode?: string;
  x?: unknown[];
  y?: unknown[];
}

interface Figure {
  data?: Trace[];
  layout?: { title?: string | { text?: string } };
}

const W = 480;
const H = 260;
const PAD = 32;
const COLOURS = ["#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3"];

function parseFigure(text: string): Figure | null {
  try {
    const fig = JSON.parse(text) as unknown;
    return typeof fig === "object" && fig !== null ? (fig as Figure) : null;
  } catch {
    return null;
  }
}

const nums = (values: unknown[] | undefined) => (values ?? []).map((v) => Number(v));

export default function PlotlyChart(props: { content: string; url?: string }) {
  const [remote] = createResource(
    () => (props.content ? undefined : props.url),
    async (url) => (await fetch(url)).text(),
  );
  const fig = createMemo(() => parseFigure(props.content || remote() || ""));
  const traces = createMemo(() =>
    (fig()?.data ?? []).filter((t) => (t.type ?? "scatter") === "scatter" || t.type === "bar"),
  );
  const scale = createMemo(() => {
    const ys = traces()
      .flatMap((t) => nums(t.y))
      .filter(Number.isFinite);
    const n = Math.max(1, ...traces().map((t) => (t.y ?? []).length));
    const lo = Math.min(0, ...ys);
    const hi = Math.max(lo + 1, ...ys);
    return {
      x: (i: number) => PAD + ((W - 2 * PAD) * (i + 0.5)) / n,
      y: (v: number) => H - PAD - ((H - 2 * PAD) * (v - lo)) / (hi - lo),
      barWidth:
        (((W - 2 * PAD) / n) * 0.8) / Math.max(1, traces().filter((t) => t.type === "bar").length),
      lo,
      hi,
    };
  });
  const title = () => {
    const t = fig()?.layout?.title;
    return typeof t === "string" ? t : t?.text;
  };
  return (
    <figure class="plotly-chart">
      <Show when={title()}>
        <figcaption>{title()}</figcaption>
      </Show>
      <Show
        when={traces().length > 0}
        fallback={<p class="muted">Chart type not supported in the light viewer.</p>}
      >
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title() ?? "chart"}>
          <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} class="axis" />
          <line x1={PAD} y1={PAD} x2={PAD} y2={H - PAD} class="axis" />
          <text x={4} y={PAD} class="tick">
            {scale().hi}
          </text>
          <text x={4} y={H - PAD} class="tick">
            {scale().lo}
          </text>
          <For each={traces()}>
            {(trace, ti) => {
              const colour = COLOURS[ti() % COLOURS.length];
              const ys = nums(trace.y);
              if (trace.type === "bar") {
                return (
                  <For each={ys}>
                    {(v, i) => (
                      <rect
                        x={scale().x(i()) - scale().barWidth / 2}
                        y={Math.min(scale().y(v), scale().y(0))}
                        width={scale().barWidth}
                        height={Math.abs(scale().y(0) - scale().y(v))}
                        fill={colour}
                      />
                    )}
                  </For>
                );
              }
              const points = ys.map((v, i) => `${scale().x(i)},${scale().y(v)}`).join(" ");
              return <polyline points={points} fill="none" stroke={colour} stroke-width="2" />;
            }}
          </For>
        </svg>
      </Show>
    </figure>
  );
}
