import type { User } from "../durable-objects/sdk/user.js";

/** hono's environment for every route: the bindings and the verified caller. */
export interface AppEnv {
  Bindings: Env;
  Variables: { user: User };
}
