/**
 * `cl.TaskList` and its items, `cl.Task` (Chainlit's names: a task here is a line of a list
 * the user sees, not a running hook). The list is an element whose content is the tasks as
 * JSON; each `send()` replaces that content, so the same list updates in place.
 */
import { Element, type ElementOptions } from "./elements.js";
import { registerRevivable } from "./serialize.js";

/**
 * The states of a `cl.Task`.
 * @example
 * task.status = cl.TaskStatus.DONE;
 */
export const TaskStatus = {
  READY: "ready",
  RUNNING: "running",
  FAILED: "failed",
  DONE: "done",
} as const;
/** One of `cl.TaskStatus`: `"ready" | "running" | "failed" | "done"`. */
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

/**
 * One item of a `cl.TaskList` (not a running hook): a title, a status and the message it links to.
 * @example
 * const item = new cl.Task({ title: "Read the files", status: cl.TaskStatus.RUNNING });
 */
export interface TaskOptions {
  title: string;
  /** @default "ready" */
  status?: TaskStatus;
  /** The message this task is about; the UI can link to it. */
  forId?: string;
}

/**
 * One line of a `cl.TaskList`. Change its fields, then `await taskList.send()`.
 * @example
 * const task = list.addTask(new cl.Task({ title: "Fetch data", status: cl.TaskStatus.RUNNING }));
 * task.status = cl.TaskStatus.FAILED;
 * await list.send();
 */
export class Task {
  title: string;
  status: TaskStatus;
  forId?: string;

  constructor(options: TaskOptions) {
    this.title = options.title;
    this.status = options.status ?? "ready";
    this.forId = options.forId;
  }

  toJSON(): TaskOptions {
    return { title: this.title, status: this.status, ...(this.forId ? { forId: this.forId } : {}) };
  }
}

/**
 * The options of a `cl.TaskList`: its status line and the element options (name, display…).
 * @example
 * const list = new cl.TaskList({ status: "Working…" });
 */
export interface TaskListOptions extends Omit<ElementOptions, "content" | "url"> {
  tasks?: (Task | TaskOptions)[];
  /** Shown as the list's heading, e.g. "Running…" then "Done". @default "Running..." */
  status?: string;
}

/**
 * A list of tasks with their status, shown above the conversation. Each `send()` updates the
 * same list in place.
 * @example
 * const list = new cl.TaskList();
 * const task = new cl.Task({ title: "Fetch data", status: cl.TaskStatus.RUNNING });
 * list.addTask(task);
 * await list.send();
 * task.status = cl.TaskStatus.DONE; list.status = "Done";
 * await list.send();
 */
export class TaskList extends Element {
  readonly type = "tasklist";
  tasks: Task[];
  status: string;

  constructor(options: TaskListOptions = {}) {
    super({ name: "tasklist", ...options });
    this.tasks = (options.tasks ?? []).map((t) => (t instanceof Task ? t : new Task(t)));
    this.status = options.status ?? "Running...";
  }

  /** Adds a task (or the options of one) to the list and returns it; `send()` shows it. */
  addTask(task: Task | TaskOptions): Task {
    const added = task instanceof Task ? task : new Task(task);
    this.tasks.push(added);
    return added;
  }

  /** Shows the list, or updates it where it is. */
  override async send(forId?: string): Promise<this> {
    this.content = JSON.stringify({
      title: this.status,
      status: this.status,
      tasks: this.tasks.map((t) => t.toJSON()),
    });
    return super.send(forId);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), tasks: this.tasks.map((t) => t.toJSON()), status: this.status };
  }
}

registerRevivable("Element:tasklist", TaskList, (data) => new TaskList(data as TaskListOptions));
