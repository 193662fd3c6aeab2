/** A hook registered twice is refused at once (the CLI names the line before it gets here). */
import { afterEach, describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { installHooks } from "./harness.js";

afterEach(() => installHooks({}));

describe("registering a hook twice", () => {
  it("throws for a second, different function and names the call", () => {
    installHooks({});
    cl.onMessage(() => {});
    expect(() => cl.onMessage(() => {})).toThrow(new cl.HookRegisteredTwiceError("cl.onMessage"));
    expect(() => cl.onMessage(() => {})).toThrow(/cl\.onMessage is registered twice/);
  });

  it("accepts the same function again (a module evaluated once more) and other action names", () => {
    installHooks({});
    const fn = () => {};
    cl.setStarters(() => []);
    cl.actionCallback("a", fn);
    cl.actionCallback("a", fn);
    cl.actionCallback("b", () => {});
    expect(() => cl.actionCallback("b", () => {})).toThrow(/cl\.actionCallback\("b"\)/);
  });
});
