/**
 * The app's side of the host page: `cl.CopilotFunction` runs a function the copilot widget's
 * host page registered and returns its result; `cl.sendWindowMessage` posts JSON to the host
 * page (the widget's, or the page the web app is framed in). Nothing here is logged or
 * replayed: a page that reloads mid-call makes the call time out, by the session's alarm.
 */

import { boundedJson, CopilotFunctionError } from "../../protocol/copilot.js";
import { currentScope, TaskCancelledError } from "../session/context.js";

export { CopilotFunctionError };

/**
 * What a host function is called with.
 * @example
 * const options: cl.CopilotFunctionOptions = { name: "getSelection", args: { max: 200 }, timeout: 10 };
 */
export interface CopilotFunctionOptions {
  /** The name the host page registered the function under (1–256 characters). */
  name: string;
  /** JSON arguments (at most 64 KiB). @default {} */
  args?: Record<string, unknown>;
  /** Seconds to wait for the page's answer. @default 30 */
  timeout?: number;
}

/**
 * A function of the copilot widget's host page.
 * @throws CopilotFunctionError from `call()` when the chat is not in the widget, no widget is
 * connected, the page has no such function or it failed, it took longer than `timeout`, or its
 * result is not JSON of at most 64 KiB.
 * @example
 * const page = await new cl.CopilotFunction({ name: "getSelection", args: { max: 200 } }).call();
 * await new cl.Message(`You selected: ${page}`).send();
 */
export class CopilotFunction {
  readonly name: string;
  readonly args: Record<string, unknown>;
  readonly timeout: number;

  constructor(options: CopilotFunctionOptions) {
    if (typeof options?.name !== "string" || options.name.length < 1 || options.name.length > 256) {
      throw new TypeError("cl.CopilotFunction: name must be a string of 1 to 256 characters");
    }
    this.name = options.name;
    this.args = options.args ?? {};
    this.timeout = options.timeout ?? 30;
    if (!(this.timeout > 0 && this.timeout <= 3600)) {
      throw new TypeError("cl.CopilotFunction: timeout must be between 0 and 3600 seconds");
    }
  }

  /** Asks the host page to run the function; resolves with its (JSON) result. */
  async call(): Promise<unknown> {
    const { session, run } = currentScope();
    const where = session.clientType;
    if (where !== "copilot") {
      throw new CopilotFunctionError(
        `cl.CopilotFunction("${this.name}"): this chat runs in the ${where}, not in the copilot ` +
          `widget; only the widget's host page has functions`,
      );
    }
    const args = boundedJson(this.args, `the args of "${this.name}"`);
    if ("error" in args) throw new CopilotFunctionError(args.error);
    const id = crypto.randomUUID();
    const frame = `{"type":"call_fn","id":${JSON.stringify(id)},"name":${JSON.stringify(this.name)},"args":${args.json}}`;
    const result = session.callPage(
      { id, name: this.name, timeout: this.timeout, frame },
      run?.controller.signal,
    );
    try {
      return await result;
    } catch (err) {
      if (run?.cancelled) throw new TaskCancelledError();
      throw err;
    }
  }
}

/**
 * Posts JSON to the host page (at most 64 KiB): the copilot widget's page gets a `message`
 * event from its own origin; a page framing the web app gets one from the app's origin.
 * @example
 * await cl.sendWindowMessage({ type: "highlight", selector: "#price" });
 */
export async function sendWindowMessage(data: unknown): Promise<void> {
  const { session } = currentScope();
  const checked = boundedJson(data, "cl.sendWindowMessage: data");
  if ("error" in checked) throw new TypeError(checked.error);
  session.postToPage(`{"type":"window_message","data":${checked.json}}`);
}
