/**
 * The user's language as the client reported it in `hello` (a validated BCP 47 tag), kept in the
 * user session under "language" so it survives hibernation and reads as
 * `cl.userSession.get("language")` too. The latest client to connect sets it.
 */
import { isLanguageTag, LANGUAGE_KEY } from "../../protocol/ui-strings.js";
import type { Session } from "./session.js";

/** Stores the language a client reported (already validated by the frame parser). */
export function rememberLanguage(session: Session, tag: string | undefined): void {
  if (tag === undefined || !isLanguageTag(tag)) return;
  session.values.set(LANGUAGE_KEY, JSON.stringify(tag));
}
