/**
 * One limiter object per visitor: a user's (or an IP's) message, action and new-chat limits are
 * buckets of one Durable Object, so an anonymous visitor costs one limiter, not three. Buckets
 * count apart; keys with windows of their own (upload quotas, logins, replay guards) keep their
 * own objects; a log from before buckets is replaced, not misread.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hit, limiter, placeOf, refund } from "../../durable-objects/rate-limiter.js";

const names = (key: string) => limiter(env, key).id.toString();

describe("rate limiter buckets", () => {
  it("puts a visitor's kinds in one object and other keys in their own", () => {
    expect(placeOf("user:u1")).toEqual({ subject: "user:u1", bucket: "" });
    expect(placeOf("actions:user:u1")).toEqual({ subject: "user:u1", bucket: "actions:" });
    expect(placeOf("sessions:ip:203.0.113.9")).toEqual({
      subject: "ip:203.0.113.9",
      bucket: "sessions:",
    });
    expect(names("actions:user:u1")).toBe(names("user:u1"));
    expect(names("sessions:user:u1")).toBe(names("user:u1"));
    expect(names("actions:ip:1.2.3.4")).toBe(names("ip:1.2.3.4"));
    // Their own windows and alarms: never shared with the per-minute buckets.
    for (const own of ["upload:user:u1", "login:1.2.3.4", "replay:user:u1"]) {
      expect(placeOf(own)).toEqual({ subject: own, bucket: "" });
      expect(names(own)).not.toBe(names("user:u1"));
    }
    // An id that looks like a prefix is still one subject.
    expect(placeOf("user:actions:user:x")).toEqual({ subject: "user:actions:user:x", bucket: "" });
  });

  it("counts each bucket apart in the shared object", async () => {
    for (let i = 0; i < 3; i++) expect((await hit(env, "user:b1", 3)).allowed).toBe(true);
    expect((await hit(env, "user:b1", 3)).allowed).toBe(false);
    // Messages used up; actions and new chats of the same visitor are not.
    expect((await hit(env, "actions:user:b1", 3)).allowed).toBe(true);
    expect((await hit(env, "sessions:user:b1", 3)).allowed).toBe(true);
    const taken = await hit(env, "actions:user:b1", 3);
    expect(taken.allowed).toBe(true);
    await refund(env, "actions:user:b1", taken.at ?? 0);
    // One action left after the refund: two more fit, the third does not.
    expect((await hit(env, "actions:user:b1", 3)).allowed).toBe(true);
    expect((await hit(env, "actions:user:b1", 3)).allowed).toBe(true);
    expect((await hit(env, "actions:user:b1", 3)).allowed).toBe(false);
    // The refund took an action hit back, never a message one.
    expect((await hit(env, "user:b1", 3)).allowed).toBe(false);
    await runInDurableObject(limiter(env, "user:b1"), (_i, state) => {
      const rows = state.storage.sql
        .exec<{ bucket: string; n: number }>(
          "SELECT bucket, COUNT(*) AS n FROM hits GROUP BY bucket ORDER BY bucket",
        )
        .toArray();
      expect(rows).toEqual([
        { bucket: "", n: 3 },
        { bucket: "actions:", n: 3 },
        { bucket: "sessions:", n: 1 },
      ]);
    });
  });

  it("replaces a log from before buckets instead of misreading it", async () => {
    const stub = limiter(env, "user:old1");
    await runInDurableObject(stub, (_i, state) => {
      state.storage.sql.exec("CREATE TABLE hits (at INTEGER NOT NULL)");
      state.storage.sql.exec("INSERT INTO hits (at) VALUES (?)", Date.now());
    });
    expect((await hit(env, "actions:user:old1", 1)).allowed).toBe(true);
    expect((await hit(env, "actions:user:old1", 1)).allowed).toBe(false);
    expect((await hit(env, "user:old1", 1)).allowed).toBe(true);
  });
});
