/**
 * The tool-call side of the loopback OpenAI server (openai-server.ts). A tool call is planned from
 * the latest user message and the tools offered, each tool at most once per user message (so a
 * conversation moves on once its result is back):
 *
 * - `handoff` + a tool `transfer_to_X` whose X (or X without `_agent`) is in the message → that
 *   transfer, `{}` (how the Agents SDK offers handoffs);
 * - `weather` + a tool `get_weather` → `get_weather({"city":"Paris"})`;
 * - `time` + a tool `clock` → `clock({"timeZone":"Europe/Paris"})` (the ai-sdk example's tool).
 *
 * A call goes out as a JSON choice or as stream deltas with the arguments in two pieces, as
 * OpenAI sends them; call ids count the calls so far, so each is unique in a conversation.
 */
type Content = string | { type?: string; text?: string }[] | null | undefined;

interface ChatMessage {
  role: string;
  content?: Content;
  tool_calls?: { function?: { name?: string } }[];
}

interface ToolsBody {
  tools?: { function?: { name?: string } }[];
  messages?: ChatMessage[];
}

/** A tool call the server will answer with. */
export interface PlannedCall {
  id: string;
  name: string;
  /** The arguments JSON, in the pieces it is streamed in. */
  args: string[];
}

/** A message's text, whether its content is a string or parts. */
export function textOf(content: Content): string {
  if (typeof content === "string") return content;
  return (content ?? []).map((p) => p.text ?? "").join("");
}

/** The call to answer this request with, if any. */
export function plannedToolCall(body: ToolsBody): PlannedCall | undefined {
  const messages = body.messages ?? [];
  const offered = (body.tools ?? []).flatMap((t) => (t.function?.name ? [t.function.name] : []));
  if (offered.length === 0) return undefined;
  let lastUser = -1;
  messages.forEach((m, i) => {
    if (m.role === "user") lastUser = i;
  });
  const prompt = textOf(messages[lastUser]?.content).toLowerCase();
  const calls = messages.flatMap((m) => m.tool_calls ?? []);
  const since = new Set(
    messages.slice(lastUser + 1).flatMap((m) => (m.tool_calls ?? []).map((c) => c.function?.name)),
  );
  const id = `call_${calls.length + 1}`;
  if (prompt.includes("handoff")) {
    const transfer = offered.find((name) => {
      const target = name.replace(/^transfer_to_/, "").toLowerCase();
      return (
        name.startsWith("transfer_to_") &&
        (prompt.includes(target) || prompt.includes(target.replace(/_agent$/, "")))
      );
    });
    if (transfer && !since.has(transfer)) return { id, name: transfer, args: ["{", "}"] };
  }
  if (prompt.includes("weather") && offered.includes("get_weather") && !since.has("get_weather")) {
    return { id, name: "get_weather", args: ['{"city":', '"Paris"}'] };
  }
  if (prompt.includes("time") && offered.includes("clock") && !since.has("clock")) {
    return { id, name: "clock", args: ['{"timeZone":', '"Europe/Paris"}'] };
  }
  return undefined;
}

/** The non-streamed choice carrying the call. */
export function toolCallChoice(call: PlannedCall) {
  const tool = {
    id: call.id,
    type: "function",
    function: { name: call.name, arguments: call.args.join("") },
  };
  return {
    index: 0,
    finish_reason: "tool_calls",
    message: { role: "assistant", content: null, tool_calls: [tool] },
  };
}

/** The stream deltas of the call (the first names it, the next only add arguments). */
export function toolCallDeltas(call: PlannedCall): object[] {
  return call.args.map((args, i) => ({
    tool_calls: [
      i === 0
        ? {
            index: 0,
            id: call.id,
            type: "function",
            function: { name: call.name, arguments: args },
          }
        : { index: 0, function: { arguments: args } },
    ],
  }));
}
