/**
 * A dataframe as a table. Accepts pandas' `to_json(orient="split")` shape
 * (`{columns, index?, data}`) and an array of row objects.
 */
import { createMemo, For, Show } from "solid-js";

interface Table {
  columns: string[];
  rows: unknown[][];
}

export function parseTable(content: string): Table | null {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    return null;
  }
  if (Array.isArray(data)) {
    const rows = data.filter(
      (r): r is Record<string, unknown> => typeof r === "object" && r !== null,
    );
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
  }
  if (typeof data === "object" && data !== null && "columns" in data && "data" in data) {
    const { columns, data: rows } = data as { columns: unknown; data: unknown };
    if (Array.isArray(columns) && Array.isArray(rows)) {
      return { columns: columns.map(String), rows: rows.filter(Array.isArray) };
    }
  }
  return null;
}

const cell = (v: unknown) =>
  v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);

export function DataFrame(props: { content: string; class: string }) {
  const table = createMemo(() => parseTable(props.content));
  return (
    <div class={props.class}>
      <Show when={table()} fallback={<pre>{props.content}</pre>}>
        {(t) => (
          <table>
            <thead>
              <tr>
                <For each={t().columns}>{(c) => <th scope="col">{c}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={t().rows}>
                {(row) => (
                  <tr>
                    <For each={row}>{(v) => <td>{cell(v)}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
    </div>
  );
}
