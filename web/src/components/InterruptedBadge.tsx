import { t } from "../i18n";
/** Marks an answer or step cut off by a server restart (`metadata.interrupted`). */
export function InterruptedBadge() {
  return (
    <span class="interrupted-badge" title={t("The server restarted before this was finished.")}>
      {t("interrupted")}
    </span>
  );
}
