/** The app's readme (welcome.md) in a dialog. */

import { t } from "../i18n";
import { Dialog } from "./Dialog";
import { Markdown } from "./Markdown";

export function ReadmeDialog(props: { text: string; onClose: () => void }) {
  return (
    <Dialog id="readme-dialog" title={t("Readme")} class="wide" onClose={props.onClose}>
      <Markdown text={props.text} />
      <div class="dialog-buttons">
        <button type="button" class="secondary" onClick={props.onClose}>
          {t("Close")}
        </button>
      </div>
    </Dialog>
  );
}
