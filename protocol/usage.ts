/**
 * Token usage as every provider and framework reports it (OpenAI, Anthropic, Mistral, Workers
 * AI, LangChain, LlamaIndex, the Agents SDK), read into one shape. Pure: the author API's llm
 * steps and the framework integrations share it.
 */

/**
 * Token counts of a model call, whatever the provider called them.
 * @example
 * const { inputTokens, outputTokens, totalTokens }: cl.TokenUsage = cl.context.tokenUsage;
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

const INPUT_KEYS = ["prompt_tokens", "input_tokens", "promptTokens", "inputTokens"];
const OUTPUT_KEYS = ["completion_tokens", "output_tokens", "completionTokens", "outputTokens"];
const TOTAL_KEYS = ["total_tokens", "totalTokens"];

function count(raw: Record<string, unknown>, keys: string[]): number | undefined {
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  return undefined;
}

/** Reads OpenAI, Anthropic, Mistral and Workers AI usage objects; undefined when none is there. */
export function toUsage(raw: unknown): TokenUsage | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const input = count(record, INPUT_KEYS);
  const output = count(record, OUTPUT_KEYS);
  if (input === undefined && output === undefined) return undefined;
  const inputTokens = input ?? 0;
  const outputTokens = output ?? 0;
  return {
    inputTokens,
    outputTokens,
    totalTokens: count(record, TOTAL_KEYS) ?? inputTokens + outputTokens,
  };
}
