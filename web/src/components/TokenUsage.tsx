/**
 * The session's token total (`#token-usage`) beside the composer's buttons: prompt plus
 * completion tokens of every llm step so far, kept by the server, so it survives a reload. Hidden
 * while zero.
 */
import { Show } from "solid-js";
import { useSession } from "../state/session";

const format = new Intl.NumberFormat("en-US");

export function TokenUsage() {
  const usage = () => useSession().chat.state.usage;
  const total = () => usage().inputTokens + usage().outputTokens;
  return (
    <Show when={total() > 0}>
      <span
        id="token-usage"
        class="token-usage"
        title={`${format.format(usage().inputTokens)} prompt + ${format.format(usage().outputTokens)} completion tokens`}
      >
        {format.format(total())} tokens
      </span>
    </Show>
  );
}
