/**
 * The offline demo model: a deterministic, clearly labelled stand-in for a real model, so the
 * default app streams a useful answer with no API key and no network.
 */

const TIPS = [
  "Set `OPENAI_API_KEY` in `.dev.vars` (and optionally `OPENAI_BASE_URL` for any OpenAI-compatible server) to talk to a real model.",
  "Run any app file with `npx edgelit run path/to/app.ts`.",
  "Each chat is a Durable Object: reload the page and the conversation is still here.",
];

/** The reply to `text`, cut into word-sized tokens. */
export function demoReply(text: string): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const tip = TIPS[words.length % TIPS.length];
  const body = [
    "**Offline demo model** — this answer is generated locally, not by an AI model.",
    "",
    `You wrote ${words.length} word${words.length === 1 ? "" : "s"}: _${text.trim().slice(0, 200) || "(nothing)"}_`,
    "",
    `Tip: ${tip}`,
  ].join("\n");
  return body.match(/\s*\S+|\s+/g) ?? [body];
}
