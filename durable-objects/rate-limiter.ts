/**
 * Rate limits and quotas for public assistants: one small Durable Object per subject (a user
 * `user:<id>`, a client IP `ip:<address>`, or a key of its own: `login:<address>`, `upload:…`,
 * `replay:…`) keeps a sliding log of recent hits per bucket (messages, `actions:`, `sessions:`)
 * or of amounts spent (byte quotas), so a limit holds across every session and isolate a visitor
 * uses. A visitor's limits share one object: an anonymous visitor costs one limiter, not one per
 * kind (each object is a few hundred KiB while it lives; `npm run bench:idle`). An idle limiter
 * deletes its storage once its window has passed. The Worker (logins, new chats, uploads) and the
 * chat sessions (every frame that runs app code, through `rateRefusal`) both count here.
 */
import { DurableObject } from "cloudflare:workers";
import { appConfig } from "../protocol/app.js";

const WINDOW_MS = 60_000;

/** Failed-or-not password logins allowed per client IP per minute. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

export interface RateDecision {
  allowed: boolean;
  /** When refused: how long until the next hit would be allowed. */
  retryAfterMs: number;
  /** When allowed: the hit's time, to take it back with `refund`. */
  at?: number;
}

export class RateLimiter extends DurableObject<Env> {
  /** Whether this instance has checked the hits table (a fresh instance checks once). */
  #checked = false;

  /** The hits table, made once per instance; an older one without buckets is replaced. */
  #hits(): SqlStorage {
    const sql = this.ctx.storage.sql;
    if (this.#checked) return sql;
    this.#checked = true;
    sql.exec(
      "CREATE TABLE IF NOT EXISTS hits (at INTEGER NOT NULL, bucket TEXT NOT NULL DEFAULT '')",
    );
    const columns = sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('hits')");
    if (!columns.toArray().some((c) => c.name === "bucket")) {
      // A log from before buckets (at most one window old): start it again.
      sql.exec("DROP TABLE hits");
      sql.exec("CREATE TABLE hits (at INTEGER NOT NULL, bucket TEXT NOT NULL DEFAULT '')");
    }
    return sql;
  }

  /** Counts one hit in `bucket` unless `limit` hits already happened there in `windowMs`. */
  async hit(limit: number, windowMs = WINDOW_MS, bucket = ""): Promise<RateDecision> {
    const sql = this.#hits();
    const now = Date.now();
    sql.exec("DELETE FROM hits WHERE at <= ?", now - windowMs);
    const count = sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM hits WHERE bucket = ?", bucket)
      .one().n;
    if (count >= limit) {
      // The hit that must age out before one more fits.
      const oldest = sql
        .exec<{ at: number }>(
          "SELECT at FROM hits WHERE bucket = ? ORDER BY at LIMIT 1 OFFSET ?",
          bucket,
          count - limit,
        )
        .one().at;
      return { allowed: false, retryAfterMs: Math.max(1, oldest + windowMs - now) };
    }
    sql.exec("INSERT INTO hits (at, bucket) VALUES (?, ?)", now, bucket);
    await this.ctx.storage.setAlarm(now + windowMs);
    return { allowed: true, retryAfterMs: 0, at: now };
  }

  /** Takes back one allowed hit (another limit refused the same message). */
  async refund(at: number, bucket = ""): Promise<void> {
    this.#hits().exec(
      "DELETE FROM hits WHERE rowid = (SELECT rowid FROM hits WHERE at = ? AND bucket = ? LIMIT 1)",
      at,
      bucket,
    );
  }

  /**
   * Spends `amount` (bytes, say) unless that would take the total of the last `windowMs`
   * over `limit`. A refusal's retryAfterMs is when enough of the window ages out.
   */
  async spend(amount: number, limit: number, windowMs: number): Promise<RateDecision> {
    const sql = this.ctx.storage.sql;
    const now = Date.now();
    sql.exec("CREATE TABLE IF NOT EXISTS spent (at INTEGER NOT NULL, amount INTEGER NOT NULL)");
    sql.exec("DELETE FROM spent WHERE at <= ?", now - windowMs);
    const rows = sql.exec<{ at: number; amount: number }>(
      "SELECT at, amount FROM spent ORDER BY at",
    );
    const entries = rows.toArray();
    let total = entries.reduce((sum, e) => sum + e.amount, 0);
    if (total + amount > limit) {
      if (amount > limit) return { allowed: false, retryAfterMs: windowMs };
      let freedAt = now;
      for (const e of entries) {
        total -= e.amount;
        freedAt = e.at;
        if (total + amount <= limit) break;
      }
      return { allowed: false, retryAfterMs: Math.max(1, freedAt + windowMs - now) };
    }
    sql.exec("INSERT INTO spent (at, amount) VALUES (?, ?)", now, amount);
    await this.ctx.storage.setAlarm(now + windowMs);
    return { allowed: true, retryAfterMs: 0, at: now };
  }

  /** Takes back one spending (the upload it paid for failed). */
  async unspend(at: number, amount: number): Promise<void> {
    this.ctx.storage.sql.exec(
      "DELETE FROM spent WHERE rowid = (SELECT rowid FROM spent WHERE at = ? AND amount = ? LIMIT 1)",
      at,
      amount,
    );
  }

  override async alarm(): Promise<void> {
    try {
      await this.ctx.storage.deleteAll();
      this.#checked = false;
    } catch (err) {
      console.error("RateLimiter:alarm", err);
    }
  }
}

/**
 * Where a key is counted: the `[project] rate_limit` keys — `user:<id>` and `ip:<address>`, bare
 * (messages) or with a kind prefix (`actions:`, `sessions:`) — go to their subject's object, in
 * the prefix's bucket. Any other key (logins, upload quotas with their own long window, replay
 * guards) is an object of its own, so one window's alarm never clears another's log.
 */
export function placeOf(key: string): { subject: string; bucket: string } {
  const shared = /^((?:actions:|sessions:)?)((?:user|ip):.*)$/s.exec(key);
  if (!shared) return { subject: key, bucket: "" };
  return { subject: shared[2] ?? key, bucket: shared[1] ?? "" };
}

/** The limiter object of one key's subject, wherever in the world it lives. */
export function limiter(env: Env, key: string) {
  const { subject } = placeOf(key);
  return env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(subject));
}

/** Counts one hit on `key`. */
export function hit(env: Env, key: string, limit: number): Promise<RateDecision> {
  return limiter(env, key).hit(limit, WINDOW_MS, placeOf(key).bucket);
}

/** Takes back a hit `hit` allowed on `key`. */
export function refund(env: Env, key: string, at: number): Promise<void> {
  return limiter(env, key).refund(at, placeOf(key).bucket);
}

/** The "slow down" text for a refusal. */
export function slowDown(what: string, retryAfterMs: number): string {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return `You are sending ${what} too fast. Please slow down and try again in ${seconds} s.`;
}

/** What a per-user and per-IP limit of `[project] rate_limit` counts. */
export type RateKind = "messages" | "actions" | "sessions";

type Limits = (typeof appConfig)["project"]["rate_limit"];

const RULES: Record<RateKind, { user: keyof Limits; ip: keyof Limits; what: string }> = {
  messages: { user: "messages_per_minute", ip: "ip_messages_per_minute", what: "messages" },
  /** Every other frame that runs app code or writes the session: actions, asks, settings, … */
  actions: { user: "actions_per_minute", ip: "ip_actions_per_minute", what: "requests" },
  sessions: { user: "sessions_per_minute", ip: "ip_sessions_per_minute", what: "new chats" },
};

/**
 * Counts one hit of `kind` against `[project] rate_limit` for its user and, when known, its
 * client IP. Returns null when allowed, else the message to show; a refused hit counts
 * against neither limit.
 */
export async function rateRefusal(
  env: Env,
  kind: RateKind,
  caller: { user: string; ip?: string },
): Promise<string | null> {
  const limits = appConfig.project.rate_limit;
  const rule = RULES[kind];
  // Message limits keep their original keys (`user:<id>`, `ip:<address>`).
  const prefix = kind === "messages" ? "" : `${kind}:`;
  const keyed: [string, number][] = [[`${prefix}user:${caller.user}`, limits[rule.user]]];
  if (caller.ip) keyed.push([`${prefix}ip:${caller.ip}`, limits[rule.ip]]);
  const decisions = await Promise.all(keyed.map(([key, limit]) => hit(env, key, limit)));
  const refused = decisions.filter((d) => !d.allowed);
  if (refused.length === 0) return null;
  await Promise.all(
    decisions.map((d, i) => (d.at === undefined ? null : refund(env, keyed[i]?.[0] ?? "", d.at))),
  );
  return slowDown(rule.what, Math.max(...refused.map((d) => d.retryAfterMs)));
}
