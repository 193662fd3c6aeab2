/**
 * A loopback server speaking Mistral's chat API (`POST /v1/chat/completions`), JSON or SSE
 * chunks ending with `data: [DONE]`, for the real `@mistralai/mistralai` client. It answers
 * "You said: <last user text>" word by word, or, when tools are offered and the text mentions
 * "weather", a `get_weather` tool call. Usage: prompt_tokens = length of the user text,
 * completion_tokens = the number of words (sent in the last stream chunk).
 */
import { lastUserText, type Reply, startLoopback } from "./loopback.js";

export function mistralReply(body: Record<string, unknown>): Reply {
  const prompt = lastUserText(body.messages);
  const model = typeof body.model === "string" ? body.model : "mistral-test";
  const useTool = Array.isArray(body.tools) && prompt.includes("weather");
  const words = `You said: ${prompt}`.split(/(?= )/);
  const completion = useTool ? 5 : words.length;
  const usage = {
    prompt_tokens: prompt.length,
    completion_tokens: completion,
    total_tokens: prompt.length + completion,
  };
  const call = {
    id: "call_1",
    type: "function",
    function: { name: "get_weather", arguments: '{"city": "Paris"}' },
  };
  const base = { id: "cmpl-1", object: "chat.completion", created: 1, model };
  const finish_reason = useTool ? "tool_calls" : "stop";
  if (!body.stream) {
    const message = useTool
      ? { role: "assistant", content: "", tool_calls: [call] }
      : { role: "assistant", content: words.join("") };
    return { json: { ...base, choices: [{ index: 0, message, finish_reason }], usage } };
  }
  const chunk = (delta: object, finish: string | null, extra: object = {}) => ({
    data: {
      ...base,
      object: "chat.completion.chunk",
      choices: [{ index: 0, delta, finish_reason: finish }],
      ...extra,
    },
  });
  const events = [chunk({ role: "assistant", content: "" }, null)];
  if (useTool) events.push(chunk({ tool_calls: [{ ...call, index: 0 }] }, null));
  else for (const content of words) events.push(chunk({ content }, null));
  events.push(chunk({ content: "" }, finish_reason, { usage }));
  return { events, done: true };
}

/** Starts it; the client's `serverURL` is the returned `url`. */
export const startFakeMistral = () => startLoopback("/v1/chat/completions", mistralReply);
