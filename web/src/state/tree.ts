/**
 * Which steps are drawn and where. Hidden steps (depending on `UI.cot`: every step in
 * "hidden", all but tool steps in "tool_call") are transparent: their children are drawn in
 * their place. Edgelit wraps no hook in a run step, so a `run` step is the author's and shows. Pure, so it is tested
 * without a DOM; the store wraps it in a memo that only re-runs when structure changes.
 */
import { isMessage, type StepData, type StepType } from "../../../protocol/frames";

export type CotMode = "full" | "tool_call" | "hidden";

/** Key of the top level in a {@link StepTree}. */
export const ROOT = "";

/** Visible children ids per visible parent id (`ROOT` for the top level), in server order. */
export type StepTree = Map<string, string[]>;

type StepShape = Pick<StepData, "id" | "parentId" | "type" | "order" | "createdAt">;

export function isVisibleType(type: StepType, cot: CotMode): boolean {
  if (isMessage(type)) return true;
  if (cot === "hidden") return false;
  return cot === "full" || type === "tool";
}

function compare(a: StepShape, b: StepShape): number {
  return a.order - b.order || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);
}

/**
 * @example
 * buildTree([{ id: "r", parentId: null, type: "run", ... }, { id: "m", parentId: "r", type: "assistant_message", ... }], "tool_call")
 * // Map { "" => ["m"] }
 */
export function buildTree(steps: StepShape[], cot: CotMode): StepTree {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const visibleParent = (step: StepShape): string => {
    let parentId = step.parentId;
    // Bounded by the number of steps, so a cycle in bad data cannot hang the UI.
    for (let hops = 0; parentId && hops <= steps.length; hops++) {
      const parent = byId.get(parentId);
      if (!parent) return ROOT;
      if (isVisibleType(parent.type, cot)) return parent.id;
      parentId = parent.parentId;
    }
    return ROOT;
  };
  const groups = new Map<string, StepShape[]>();
  for (const step of steps) {
    if (!isVisibleType(step.type, cot)) continue;
    const key = visibleParent(step);
    const list = groups.get(key);
    if (list) list.push(step);
    else groups.set(key, [step]);
  }
  const tree: StepTree = new Map();
  for (const [key, list] of groups)
    tree.set(
      key,
      list.sort(compare).map((s) => s.id),
    );
  return tree;
}

/** Visible ids in document order (depth first), as `.step` elements appear in the DOM. */
export function flatten(tree: StepTree, parent = ROOT, out: string[] = []): string[] {
  for (const id of tree.get(parent) ?? []) {
    out.push(id);
    flatten(tree, id, out);
  }
  return out;
}

/**
 * True when a task runs and nothing has been drawn since the user's last message: the moment
 * to show `.loading-cursor`.
 */
export function isAwaitingOutput(
  running: boolean,
  pendingCount: number,
  drawnTypes: StepType[],
): boolean {
  if (!running) return false;
  if (pendingCount > 0) return true;
  const lastUser = drawnTypes.lastIndexOf("user_message");
  return lastUser === drawnTypes.length - 1 || drawnTypes.length === 0;
}
