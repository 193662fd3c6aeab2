import { describe, expect, it } from "vitest";
import type { ThreadSummary } from "../../protocol/api";
import { dateGroup, groupByDate } from "../../web/src/state/history";

const HOUR = 3_600_000;
const now = new Date(2025, 5, 15, 12, 0, 0).getTime();
const at = (hoursAgo: number): ThreadSummary => ({
  id: `t${hoursAgo}`,
  name: `thread ${hoursAgo}`,
  createdAt: now - hoursAgo * HOUR,
  updatedAt: now - hoursAgo * HOUR,
});

describe("history date groups", () => {
  it("puts a thread in Today, Yesterday, Previous 7 days or Older by local day", () => {
    expect(dateGroup(now - 11 * HOUR, now)).toBe("Today");
    expect(dateGroup(now - 13 * HOUR, now)).toBe("Yesterday");
    expect(dateGroup(now - 3 * 24 * HOUR, now)).toBe("Previous 7 days");
    expect(dateGroup(now - 30 * 24 * HOUR, now)).toBe("Older");
  });

  it("groups a newest-first list in order and skips empty groups", () => {
    const groups = groupByDate([at(1), at(2), at(90), at(900)], now);
    expect(groups.map((g) => [g.label, g.threads.map((t) => t.id)])).toEqual([
      ["Today", ["t1", "t2"]],
      ["Previous 7 days", ["t90"]],
      ["Older", ["t900"]],
    ]);
  });
});
