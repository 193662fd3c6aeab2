/**
 * `config.toml`: the same sections and meaning as Chainlit's, snake_case keys. Unknown keys and
 * wrong types are errors that name the key, all of them at once. Parsed once at startup (the
 * CLI checks it before starting wrangler; the Worker parses the same text at module load).
 */
import { parse as parseToml } from "smol-toml";
import * as v from "valibot";

/**
 * The default `max_size_mb` of spontaneous uploads: enough for documents and photos, small
 * enough that a public app is not a free file host.
 */
export const DEFAULT_UPLOAD_MAX_SIZE_MB = 20;

const uploadTable = v.strictObject({
  enabled: v.optional(v.boolean(), true),
  accept: v.optional(v.union([v.array(v.string()), v.record(v.string(), v.array(v.string()))]), [
    "*/*",
  ]),
  max_files: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 20),
  max_size_mb: v.optional(v.pipe(v.number(), v.minValue(0)), DEFAULT_UPLOAD_MAX_SIZE_MB),
});

/**
 * A URL the page may load or link to: an absolute http(s) URL or one of the app's own
 * `/public/...` files. Anything else (`javascript:`, `data:`, `//host`, `..` segments) is
 * refused, so a config key can never run script through a link or escape `/public/`.
 */
export function isSafeAssetUrl(value: string): boolean {
  if (/[\s\\]/.test(value)) return false;
  if (value.startsWith("/public/")) {
    return !value.split(/[/?#]/).some((seg) => seg === ".." || seg === "." || /%2e/i.test(seg));
  }
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

const assetUrl = v.pipe(
  v.string(),
  v.check(isSafeAssetUrl, "must be an http(s) URL or a /public/... path of the app"),
);

const headerLink = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1)),
  icon_url: v.optional(assetUrl),
  url: assetUrl,
});

/** `features.speech_to_text.enabled = true`: Chainlit 1's switch, now `[features.audio]`. */
const renamedToAudio = v.pipe(
  v.boolean(),
  v.check((on) => !on, "is Chainlit 1's name; use [features.audio] enabled = true instead"),
);

/**
 * `[features.mcp]`: MCP servers the user connects from the composer. Their URLs come from the
 * user, so private, loopback and link-local hosts are refused unless the app runs in local dev or
 * `allow_hosts` names them (host names or IP literals, exactly as in the URL).
 */
const mcpTable = v.strictObject({
  enabled: v.optional(v.boolean(), false),
  allow_hosts: v.optional(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(253))), []),
  max_servers: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 10),
  timeout_seconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(120)), 15),
});

const ConfigSchema = v.strictObject({
  project: v.optional(
    v.strictObject({
      name: v.optional(v.string()),
      description: v.optional(v.string()),
      user_env: v.optional(v.array(v.string()), []),
      session_timeout: v.optional(v.pipe(v.number(), v.minValue(1)), 3600),
      allow_origins: v.optional(v.array(v.string()), []),
      rate_limit: v.optional(
        v.strictObject({
          messages_per_minute: v.optional(v.pipe(v.number(), v.minValue(1)), 30),
          ip_messages_per_minute: v.optional(v.pipe(v.number(), v.minValue(1)), 120),
          /** Other frames that run app code or write the session (actions, settings, feedback, …). */
          actions_per_minute: v.optional(v.pipe(v.number(), v.minValue(1)), 60),
          ip_actions_per_minute: v.optional(v.pipe(v.number(), v.minValue(1)), 240),
          /** New chat sessions (`POST /api/sessions`). */
          sessions_per_minute: v.optional(v.pipe(v.number(), v.minValue(1)), 30),
          ip_sessions_per_minute: v.optional(v.pipe(v.number(), v.minValue(1)), 120),
        }),
        {},
      ),
      max_message_chars: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 100_000),
      /**
       * The least time between two frames of streamed text, in ms. 0 (the default) sends a
       * token that arrives alone at once: one event and one stored row per token of a paced
       * model. 100 gathers a 50 tokens/s answer into ~10 frames a second, ~5× fewer rows
       * written, for at most 100 ms added to a token (docs/scale.md).
       */
      stream_interval_ms: v.optional(
        v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
        0,
      ),
    }),
    {},
  ),
  UI: v.optional(
    v.strictObject({
      name: v.optional(v.string(), "Assistant"),
      description: v.optional(v.string(), ""),
      cot: v.optional(v.picklist(["full", "tool_call", "hidden"]), "full"),
      default_theme: v.optional(v.picklist(["light", "dark", "system"]), "system"),
      default_expand_messages: v.optional(v.boolean(), false),
      default_collapse_content: v.optional(v.boolean(), true),
      layout: v.optional(v.picklist(["default", "wide"]), "default"),
      custom_css: v.optional(assetUrl),
      custom_js: v.optional(assetUrl),
      github: v.optional(assetUrl),
      header_links: v.optional(v.array(headerLink), []),
    }),
    {},
  ),
  features: v.optional(
    v.strictObject({
      latex: v.optional(v.boolean(), false),
      unsafe_allow_html: v.optional(v.boolean(), false),
      edit_message: v.optional(v.boolean(), true),
      /** The owner of a thread may share it read-only by link (`/share/:id`). */
      allow_thread_sharing: v.optional(v.boolean(), false),
      spontaneous_file_upload: v.optional(v.union([v.boolean(), uploadTable]), true),
      /** The microphone button: recordings stream to `cl.onAudioChunk`. */
      audio: v.optional(
        v.strictObject({
          enabled: v.optional(v.boolean(), false),
          /** Longest recording, in seconds; the server ends it there. */
          max_seconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(3600)), 300),
        }),
        {},
      ),
      /** Chainlit 1's name: refused when on, pointing to `[features.audio]`. */
      speech_to_text: v.optional(
        v.strictObject({ enabled: v.optional(renamedToAudio, false) }),
        {},
      ),
      mcp: v.optional(mcpTable, {}),
    }),
    {},
  ),
  theme: v.optional(
    v.strictObject({
      primary_color: v.optional(v.string()),
      background_color: v.optional(v.string()),
      paper_color: v.optional(v.string()),
      font_family: v.optional(v.string()),
      light: v.optional(v.record(v.string(), v.string())),
      dark: v.optional(v.record(v.string(), v.string())),
    }),
    {},
  ),
});

type RawConfig = v.InferOutput<typeof ConfigSchema>;

/** The spontaneous upload policy, normalised from either form in config.toml. */
export interface UploadPolicy {
  enabled: boolean;
  accept: string[] | Record<string, string[]>;
  maxFiles: number;
  maxSizeMb: number;
}

export type AppConfig = Omit<RawConfig, "features"> & {
  features: Omit<RawConfig["features"], "spontaneous_file_upload"> & {
    spontaneous_file_upload: UploadPolicy;
  };
};

/** Thrown for a config.toml that cannot be used: one line per problem, each naming its key. */
export class ConfigError extends Error {
  override name = "ConfigError";

  constructor(
    /** Every problem found, each prefixed with the file. */
    readonly problems: string[],
  ) {
    super(problems.join("\n"));
  }
}

/** One line per key that is wrong (the first issue of each), in the order found. */
function describeIssues(issues: v.BaseIssue<unknown>[], file: string): string[] {
  const byKey = new Map<string, string>();
  for (const issue of issues) {
    const key = issue.path?.map((p) => String(p.key)).join(".") ?? "(root)";
    if (byKey.has(key)) continue;
    const unknown = issue.kind === "schema" && issue.expected === "never";
    byKey.set(
      key,
      unknown ? `${file}: unknown key "${key}"` : `${file}: key "${key}": ${issue.message}`,
    );
  }
  return [...byKey.values()];
}

/**
 * Parses and validates config.toml text.
 * @example
 * const config = parseConfig('[UI]\nname = "My bot"');
 * config.UI.name; // "My bot"
 */
export function parseConfig(text: string, file = "config.toml"): AppConfig {
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (err) {
    throw new ConfigError([`${file}: invalid TOML: ${(err as Error).message.split("\n")[0]}`]);
  }
  const result = v.safeParse(ConfigSchema, data);
  if (!result.success) throw new ConfigError(describeIssues(result.issues, file));
  const raw = result.output;
  const upload = raw.features.spontaneous_file_upload;
  const policy: UploadPolicy =
    typeof upload === "boolean"
      ? { enabled: upload, accept: ["*/*"], maxFiles: 20, maxSizeMb: DEFAULT_UPLOAD_MAX_SIZE_MB }
      : {
          enabled: upload.enabled,
          accept: upload.accept,
          maxFiles: upload.max_files,
          maxSizeMb: upload.max_size_mb,
        };
  return { ...raw, features: { ...raw.features, spontaneous_file_upload: policy } };
}
