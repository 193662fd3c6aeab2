/**
 * The tool-call side of the loopback OpenAI server (openai-server.ts): when `tools` are offered
 * and the user asks about "weather", the answer is a `get_weather` call `{"city":"Paris"}`, as a
 * JSON choice or as stream deltas with the arguments in two pieces, as OpenAI sends them.
 */
const ARGS = ['{"city":', '"Paris"}'];
const CALL = { id: "call_1", type: "function", function: { name: "get_weather" } };

/** True when this request should be answered with the tool call. */
export function wantsToolCall(body: {
  tools?: unknown[];
  messages?: { role: string; content: string }[];
}) {
  const last = body.messages?.at(-1);
  return Array.isArray(body.tools) && last?.role === "user" && last.content.includes("weather");
}

/** The non-streamed choice carrying the call. */
export function toolCallChoice() {
  const call = { ...CALL, function: { ...CALL.function, arguments: ARGS.join("") } };
  return {
    index: 0,
    finish_reason: "tool_calls",
    message: { role: "assistant", content: null, tool_calls: [call] },
  };
}

/** The stream deltas of the call (the first names it, the next only add arguments). */
export function toolCallDeltas(): object[] {
  return ARGS.map((args, i) => ({
    tool_calls: [
      i === 0
        ? { index: 0, ...CALL, function: { ...CALL.function, arguments: args } }
        : { index: 0, function: { arguments: args } },
    ],
  }));
}
