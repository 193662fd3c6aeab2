/**
 * Every user-visible string of the web UI, in English: the English text IS the key (gettext
 * style), so `t("New chat")` reads as what it shows and TypeScript refuses a key not listed
 * here. Shared by the web UI (dictionaries are typed against it) and the CLI, which validates an
 * app's `translations/<lang>.json` against it. `{name}` marks a parameter.
 */

export const UI_STRINGS = [
  // Common buttons
  "Cancel",
  "Confirm",
  "Close",
  "Delete",
  "Save",
  "Send",
  "Dismiss",
  "Copy",
  "Copied",
  "Copy code",
  "Copy message",
  "Loading…",
  "Reload",
  // Header
  "Hide chat history",
  "Show chat history",
  "Readme",
  "Switch to light theme",
  "Switch to dark theme",
  "New chat",
  "Create a new chat?",
  "This will clear the current messages and start a new chat.",
  "Log out",
  "Could not log out; try again.",
  // Composer
  "Type your message here...",
  "Message",
  "Attach files",
  "Chat settings",
  "Stop",
  "Send message",
  "Attachments",
  "Uploading {name}",
  "Remove {name}",
  "At most {count} files per message.",
  "{name}: not accepted (type, or larger than {size} MB)",
  "comma, separated, tags",
  // Messages and steps
  "You",
  "Working",
  "Scroll to the latest message",
  "Edit message",
  "Edit your message",
  "Helpful",
  "Not helpful",
  "Add a comment (optional)",
  "Comment",
  "Submit feedback",
  "Using {name}",
  "Used {name}",
  "Input",
  "Output",
  "Error",
  "Show all ({size})",
  "Show more",
  "Show less",
  "interrupted",
  "The server restarted before this was finished.",
  "Chart",
  "Chart could not load: {name}",
  "Tasks",
  "No tasks.",
  "Browse files",
  "Uploading… {percent}%",
  "Max {count} file, {size} MB each",
  "Max {count} files, {size} MB each",
  // History
  "Chat history",
  "History",
  "Search chats",
  "History unavailable.",
  "No chat matches.",
  "No chats yet.",
  "Load more",
  "Previous 7 days",
  "Older",
  "Untitled",
  "Chat name",
  "Rename",
  "Rename {name}",
  "Delete {name}",
  "Delete this chat?",
  "Could not rename the chat ({status}).",
  "Could not delete the chat ({status}).",
  // Connection, login, keys
  "Could not reach the server. Reconnecting…",
  "Could not reach the server.",
  "Invalid credentials.",
  "Email or username",
  "Password",
  "Sign in",
  "Sign in to {name}",
  "Continue with {name}",
  "Not signed in",
  "{name} signs you in through your organisation's gateway, and this request arrived without a valid identity. Sign in through that gateway (or ask its administrator for access), then reload this page.",
  "Required keys",
  "This app needs the following values. They are kept in this browser only.",
  // Audio
  "Start recording",
  "Stop recording",
  "Microphone unavailable: {reason}",
  // Commands, modes, token usage
  "Commands",
  "Remove command {id}",
  "{count} tokens",
  "{prompt} prompt + {completion} completion tokens",
  // MCP
  "MCP servers",
  "MCP servers ({count} connected)",
  "No MCP server connected to this chat.",
  "Remove",
  "Name",
  "Transport",
  'Headers (optional, one "Name: value" per line; never shown again)',
  "Headers: {error}",
  "Not connected to the server; try again in a moment.",
  "Connect",
  "Connecting…",
  // Sharing
  "Share this chat",
  "Anyone with the link can read this chat as it is saved; they cannot write in it.",
  "This chat is not saved yet; try again in a moment.",
  "Link",
  "Create link",
  "Stop sharing",
  "Copy link",
  "Shared chat",
  "You may not view this shared chat.",
  "You may not view this shared chat: try signing in.",
  "This chat does not exist or is no longer shared.",
  // Chat profiles
  "Chat profile",
  "Choose a chat profile",
  "Start a new chat with {name}?",
  "Changing the profile starts a new chat; this one stays in your history.",
  "could not load the step ({status})",
] as const;

/** One user-visible string of the UI (its English text). */
export type UiString = (typeof UI_STRINGS)[number];

const known: ReadonlySet<string> = new Set(UI_STRINGS);

/** True when `key` is one of the UI's strings. */
export function isUiString(key: string): key is UiString {
  return known.has(key);
}

/** The `{param}` names a string uses, sorted (a translation must use the same ones). */
export function paramsOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}

/**
 * A language tag as BCP 47 writes it (`fr`, `pt-BR`, `zh-Hans-CN`), at most 35 characters
 * (RFC 5646's recommended buffer). Used for `translations/<lang>.json` names and for the
 * language a client reports.
 */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
export const MAX_LANGUAGE_TAG = 35;

/** The user-session key of the user's language (`cl.userSession.get("language")`). */
export const LANGUAGE_KEY = "language";

/** True for a well-formed language tag. */
export function isLanguageTag(tag: string): boolean {
  return tag.length <= MAX_LANGUAGE_TAG && LANGUAGE_TAG.test(tag);
}

/**
 * Checks one app translation file's parsed JSON: an object of known English strings to
 * strings that keep the English string's `{params}`. `problems` has one line per bad key;
 * `strings` the good entries.
 */
export function parseTranslation(
  data: unknown,
  file: string,
): { strings: Record<string, string>; problems: string[] } {
  const strings: Record<string, string> = {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return {
      strings,
      problems: [`${file}: must be a JSON object of "English text": "translation"`],
    };
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!isUiString(key)) problems.push(`${file}: unknown key "${key}"`);
    else if (typeof value !== "string") problems.push(`${file}: key "${key}": must be a string`);
    else if (paramsOf(value).join() !== paramsOf(key).join()) {
      const names = paramsOf(key).map((p) => `{${p}}`);
      const want = names.length > 0 ? `the parameters ${names.join(", ")}` : "no parameters";
      problems.push(`${file}: key "${key}": must use ${want}`);
    } else strings[key] = value;
  }
  return { strings, problems };
}
