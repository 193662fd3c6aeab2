/**
 * The session's token total (`#token-usage`) beside the composer's buttons: prompt plus
 * completion tokens of every llm step so far, kept by the server, so it survives a reload. Hidden
 * while zero.
 */
import { Show } from "solid-js";
import { language, t } from "../i18n";
import { useSession } from "../state/session";

export function TokenUsage() {
  const usage = () => useSession().chat.state.usage;
  const total = () => usage().inputTokens + usage().outputTokens;
  const format = (n: number) => new Intl.NumberFormat(language()).format(n);
  return (
    <Show when={total() > 0}>
      <span
        id="token-usage"
        class="token-usage"
        title={t("{prompt} prompt + {completion} completion tokens", {
          prompt: format(usage().inputTokens),
          completion: format(usage().outputTokens),
        })}
      >
        {t("{count} tokens", { count: format(total()) })}
      </span>
    </Show>
  );
}
