/**
 * How many bytes a user (and, when known, a client IP) may upload per day. The declared length
 * is charged before a byte is read, and given back when the upload is not kept, so the quota
 * counts what was stored — across every session, isolate and anonymous cookie of the caller.
 */
import { limiter } from "../durable-objects/rate-limiter.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const MB = 1024 * 1024;

/**
 * The daily upload quotas. An IP's is larger than a user's (several people may share one
 * address) but still bounds a visitor who throws away anonymous cookies.
 * @default { userBytesPerDay: 200 MB, ipBytesPerDay: 1 GB, windowMs: one day }
 */
export const UPLOAD_QUOTA = {
  userBytesPerDay: 200 * MB,
  ipBytesPerDay: 1024 * MB,
  windowMs: DAY_MS,
};

/** A charge to give back; `refund` does nothing after a refusal. */
export interface QuotaCharge {
  /** The refusal message, or null when the bytes were granted. */
  refused: string | null;
  retryAfterMs: number;
  refund(): Promise<void>;
}

function wait(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 1 ? `${Math.ceil(hours)} h` : `${Math.ceil(ms / 60_000)} min`;
}

/** Charges `bytes` to the caller's quotas; a refused charge is taken back from every key. */
export async function chargeUpload(
  env: Env,
  caller: { user: string; ip?: string },
  bytes: number,
): Promise<QuotaCharge> {
  const keyed: [string, number][] = [[`upload:user:${caller.user}`, UPLOAD_QUOTA.userBytesPerDay]];
  if (caller.ip) keyed.push([`upload:ip:${caller.ip}`, UPLOAD_QUOTA.ipBytesPerDay]);
  const decisions = await Promise.all(
    keyed.map(([key, limit]) => limiter(env, key).spend(bytes, limit, UPLOAD_QUOTA.windowMs)),
  );
  const refund = async () => {
    await Promise.all(
      decisions.map((d, i) =>
        d.at === undefined ? null : limiter(env, keyed[i]?.[0] ?? "").unspend(d.at, bytes),
      ),
    );
  };
  const refusals = decisions.filter((d) => !d.allowed);
  if (refusals.length === 0) return { refused: null, retryAfterMs: 0, refund };
  await refund();
  const retryAfterMs = Math.max(...refusals.map((d) => d.retryAfterMs));
  const limitMb = Math.round(UPLOAD_QUOTA.userBytesPerDay / MB);
  return {
    refused:
      `upload quota reached: at most ${limitMb} MB of files per day; ` +
      `try again in ${wait(retryAfterMs)}`,
    retryAfterMs,
    refund: async () => {},
  };
}
