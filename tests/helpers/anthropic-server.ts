/**
 * A loopback server speaking the Anthropic Messages API (`POST /v1/messages`), JSON or an SSE
 * event stream (message_start, content_block_*, message_delta with usage, message_stop), for the
 * real `@anthropic-ai/sdk` client. It answers "You said: <last user text>" word by word, or,
 * when tools are offered and the text mentions "weather", a `get_weather` tool use.
 * Usage: input_tokens = length of the user text, output_tokens = the number of words.
 * "overload" streams two words, then an `error` event (as the API does when overloaded mid-way).
 */
import { lastUserText, type Reply, startLoopback } from "./loopback.js";

export function anthropicReply(body: Record<string, unknown>): Reply {
  const prompt = lastUserText(body.messages);
  const model = typeof body.model === "string" ? body.model : "claude-test";
  const useTool = Array.isArray(body.tools) && prompt.includes("weather");
  const words = `You said: ${prompt}`.split(/(?= )/);
  const tool = { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } };
  const usage = { input_tokens: prompt.length, output_tokens: useTool ? 7 : words.length };
  const message = { id: "msg_1", type: "message", role: "assistant", model, stop_sequence: null };
  if (!body.stream) {
    const content = useTool ? [tool] : [{ type: "text", text: words.join("") }];
    const stop_reason = useTool ? "tool_use" : "end_turn";
    return { json: { ...message, content, stop_reason, usage } };
  }
  const events: { event: string; data: unknown }[] = [];
  const add = (event: string, data: object) =>
    events.push({ event, data: { type: event, ...data } });
  add("message_start", {
    message: {
      ...message,
      content: [],
      stop_reason: null,
      usage: { input_tokens: usage.input_tokens, output_tokens: 1 },
    },
  });
  if (useTool) {
    add("content_block_start", { index: 0, content_block: { ...tool, input: {} } });
    for (const part of ['{"city": ', '"Paris"}']) {
      add("content_block_delta", {
        index: 0,
        delta: { type: "input_json_delta", partial_json: part },
      });
    }
  } else {
    add("content_block_start", { index: 0, content_block: { type: "text", text: "" } });
    for (const text of words)
      add("content_block_delta", { index: 0, delta: { type: "text_delta", text } });
    if (prompt.includes("overload")) {
      events.splice(4);
      add("error", { error: { type: "overloaded_error", message: "Overloaded" } });
      return { events };
    }
  }
  add("content_block_stop", { index: 0 });
  add("message_delta", {
    delta: { stop_reason: useTool ? "tool_use" : "end_turn", stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  add("message_stop", {});
  return { events };
}

/** Starts it; the client's `baseURL` is the returned `url`. */
export const startFakeAnthropic = () => startLoopback("/v1/messages", anthropicReply);
