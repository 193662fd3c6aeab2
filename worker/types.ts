import type { User } from "../durable-objects/sdk/user.js";
import type { ClientType } from "../protocol/client-type.js";

/** hono's environment for every route: the bindings and the verified caller. */
export interface AppEnv {
  Bindings: Env;
  /** `clientType` is set when the caller is not the web app (the copilot widget, a platform). */
  Variables: { user: User; clientType?: ClientType };
}
