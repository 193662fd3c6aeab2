/**
 * Durable Object alarms without waiting for them: the test moves `Date` ahead (timers stay
 * real) and runs the session's alarm with `runDurableObjectAlarm`, as the runtime would once
 * that time came. The Worker and its Durable Objects share the tests' isolate, so they read the
 * same moved clock; `restore` puts the real one back.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { onTestFinished, vi } from "vitest";

/** A moved clock, for one test. */
export interface AlarmClock {
  /** The real time `useAlarmClock` was called: where the moved clock starts. */
  readonly start: number;
  /**
   * Sets the clock `ms` after the moment `useAlarmClock` was called and runs the session's
   * alarm, if one is set; resolves to whether it ran.
   */
  runAlarm(sessionId: string, ms: number): Promise<boolean>;
  /** Back to the real clock (also done when the test ends). */
  restore(): void;
}

/** Fakes `Date` from now on in this test (only `Date`: `setTimeout` keeps real time). */
export function useAlarmClock(): AlarmClock {
  const start = Date.now();
  vi.useFakeTimers({ toFake: ["Date"], now: start });
  const restore = () => void vi.useRealTimers();
  onTestFinished(restore);
  return {
    start,
    runAlarm: (sessionId, ms) => {
      vi.setSystemTime(start + ms);
      return runDurableObjectAlarm(env.CHAT_SESSION.get(env.CHAT_SESSION.idFromName(sessionId)));
    },
    restore,
  };
}
