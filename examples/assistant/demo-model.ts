/**
 * The offline demo model: a deterministic, clearly labelled stand-in for a real model, so the
 * default app streams a useful answer with no API key and no network. Instead of echoing the
 * question into markdown (where a code fence in it would break the reply) it quotes it in a
 * fence longer than any in the question, and shows what the renderer can draw: a table, code
 * and math.
 */

const TIPS = [
  "Set `OPENAI_API_KEY` in `.dev.vars` (and optionally `OPENAI_BASE_URL` for any OpenAI-compatible server) to talk to a real model.",
  "Run any app file with `npx edgelit run path/to/app.ts`.",
  "Each chat is a Durable Object: reload the page and the conversation is still here.",
];

/**
 * `text` as a fenced block that nothing inside it can close: the fence is one backtick longer
 * than the longest run of backticks in the text.
 * @example
 * quoted("a ``` b") // "````text\na ``` b\n````"
 */
export function quoted(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** The reply to `text`, cut into word-sized tokens. */
export function demoReply(text: string): string[] {
  const question = text.trim().slice(0, 2000);
  const words = question.split(/\s+/).filter(Boolean);
  const tip = TIPS[words.length % TIPS.length];
  const body = [
    "**Offline demo model**: this answer is made locally, not by an AI model. It shows what the chat can draw.",
    "",
    `You wrote ${words.length} word${words.length === 1 ? "" : "s"}:`,
    "",
    quoted(question || "(nothing)"),
    "",
    "| Markdown | Renders as |",
    "| --- | --- |",
    "| `**bold**`, `_italic_` | **bold**, _italic_ |",
    "| a table | this table |",
    "| a fenced block | highlighted code |",
    "| `$...$`, `$$...$$` | math (`[features] latex = true`) |",
    "",
    "```ts",
    'import * as cl from "edgelit";',
    "",
    'const answer = new cl.Message({ content: "" });',
    "for await (const token of stream) await answer.streamToken(token);",
    "await answer.send();",
    "```",
    "",
    "The area of a circle is $A = \\pi r^2$, and",
    "",
    "$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$",
    "",
    `Tip: ${tip}`,
  ].join("\n");
  return body.match(/\s*\S+|\s+/g) ?? [body];
}
