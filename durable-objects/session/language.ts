/**
 * The user's language as the client reported it in `hello` (a validated BCP 47 tag), kept in the
 * user session under "language" so it survives hibernation and reads as
 * `cl.userSession.get("language")` too. The latest client to connect sets it.
 */
import { isLanguageTag } from "../../protocol/ui-strings.js";
import type { Session } from "./session.js";

const KEY = "language";

/** Stores the language a client reported (already validated by the frame parser). */
export function rememberLanguage(session: Session, tag: string | undefined): void {
  if (tag === undefined || !isLanguageTag(tag)) return;
  session.store.setValue(KEY, JSON.stringify(tag));
}

/** The user's language, or undefined when the client reported none. */
export function sessionLanguage(session: Session): string | undefined {
  const encoded = session.store.exists ? session.store.getValue(KEY) : undefined;
  if (encoded === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(encoded);
    return typeof value === "string" && isLanguageTag(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
