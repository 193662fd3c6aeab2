/**
 * What the workerd processes below this one are doing, sampled from /proc every few ms: for each
 * process's main thread (the one that runs its event loop, its JavaScript and its SQLite) the
 * state (R running, S sleeping, D waiting on the disk) and the system call it is in. A thread in
 * its event loop waits in epoll; anything else for long is the event loop held up, and the
 * syscall says by what (fsync: the disk; futex: a lock; none while running: JavaScript).
 * Linux only; elsewhere it samples nothing.
 */
import { readdirSync, readFileSync } from "node:fs";

export interface ThreadSample {
  /** Milliseconds since the epoch. */
  at: number;
  pid: number;
  /** R, S, D, … as in /proc/<pid>/stat. */
  state: string;
  /** The syscall number the thread is in ("running" while it runs user code). */
  syscall: string;
}

/** x86-64 syscall numbers worth naming in a report. */
const NAMES: Record<string, string> = {
  "0": "read",
  "1": "write",
  "7": "poll",
  "17": "pread64",
  "18": "pwrite64",
  "74": "fsync",
  "75": "fdatasync",
  "202": "futex",
  "232": "epoll_wait",
  "281": "epoll_pwait",
  "441": "epoll_pwait2",
};

/** Waiting for events: the event loop is free. */
const IDLE = new Set(["232", "281", "441", "7"]);

/** The pids of every workerd process below `root` in the process tree. */
export function workerdBelow(root: number): number[] {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      names.set(pid, /^Name:\s+(\S+)/m.exec(status)?.[1] ?? "");
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // Gone meanwhile.
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (names.get(child)?.startsWith("workerd")) found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** Samples every `everyMs` until `stop()`, which returns the samples. */
export function sampleThreads(everyMs = 20): { stop(): ThreadSample[] } {
  const samples: ThreadSample[] = [];
  let pids: number[] = [];
  let rescan = 0;
  const timer = setInterval(() => {
    // The process list changes only on a restart: read it every second, not every sample.
    if (rescan-- <= 0) {
      pids = workerdBelow(process.pid);
      rescan = Math.ceil(1000 / everyMs);
    }
    const at = Date.now();
    for (const pid of pids) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] ?? "?";
        const syscall = readFileSync(`/proc/${pid}/syscall`, "utf8").split(" ")[0]?.trim() ?? "?";
        samples.push({ at, pid, state, syscall });
      } catch {
        rescan = 0;
      }
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

/** A workerd process's command line, shortened (which runtime it is: wrangler's proxy or the app). */
export function describe(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    const entry = args.find((a) => a.startsWith("--socket-addr=entry="))?.slice(20) ?? "?";
    const inspector = args.some((a) => a.startsWith("--inspector-addr")) ? ", inspector" : "";
    return `pid ${pid} (entry ${entry}${inspector})`;
  } catch {
    return `pid ${pid} (gone)`;
  }
}

/** Per process, per second from `from`: tenths of the second its main thread was busy (0-9). */
export function busyBySecond(
  samples: ThreadSample[],
  from: number,
  seconds: number,
): Map<number, number[]> {
  const counts = new Map<number, { busy: number[]; all: number[] }>();
  for (const s of samples) {
    const second = Math.floor((s.at - from) / 1000);
    if (second < 0 || second >= seconds) continue;
    const e = counts.get(s.pid) ?? {
      busy: new Array<number>(seconds).fill(0),
      all: new Array<number>(seconds).fill(0),
    };
    e.all[second] = (e.all[second] ?? 0) + 1;
    if (!IDLE.has(s.syscall) || s.state === "D") e.busy[second] = (e.busy[second] ?? 0) + 1;
    counts.set(s.pid, e);
  }
  const out = new Map<number, number[]>();
  for (const [pid, e] of counts) {
    out.set(
      pid,
      e.busy.map((b, i) => {
        const all = e.all[i] ?? 0;
        return all ? Math.min(9, Math.round((b / all) * 10)) : 0;
      }),
    );
  }
  return out;
}

/**
 * The longest time a workerd main thread spent away from its event loop between `from` and
 * `to`, and what it was doing meanwhile (syscall or state, counted in samples).
 */
export function longestBusy(
  samples: ThreadSample[],
  from: number,
  to: number,
): { pid: number; ms: number; start: number; doing: Record<string, number> } | null {
  let best: { pid: number; ms: number; start: number; doing: Record<string, number> } | null = null;
  const byPid = new Map<number, ThreadSample[]>();
  for (const s of samples) {
    if (s.at < from || s.at > to) continue;
    const list = byPid.get(s.pid) ?? [];
    list.push(s);
    byPid.set(s.pid, list);
  }
  for (const [pid, list] of byPid) {
    let run: ThreadSample[] = [];
    const close = () => {
      const first = run[0];
      const last = run.at(-1);
      if (first && last && (!best || last.at - first.at > best.ms)) {
        const doing: Record<string, number> = {};
        for (const s of run) {
          const what =
            s.syscall === "running"
              ? `${s.state}:running`
              : `${s.state}:${NAMES[s.syscall] ?? s.syscall}`;
          doing[what] = (doing[what] ?? 0) + 1;
        }
        best = { pid, ms: last.at - first.at, start: first.at, doing };
      }
      run = [];
    };
    for (const s of list) {
      if (IDLE.has(s.syscall) && s.state !== "D") close();
      else run.push(s);
    }
    close();
  }
  return best;
}
