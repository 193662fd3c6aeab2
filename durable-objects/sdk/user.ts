/**
 * `cl.User`: who is signed in. The auth callbacks return one; it is kept in the session's
 * `cl.userSession.get("user")` and revived as a live `cl.User`. `identifier` is the key of the
 * user's threads in history, so it must be stable for one person.
 */
import { registerRevivable } from "./serialize.js";

/**
 * What a `cl.User` is made of.
 * @example
 * new cl.User({ identifier: "ada@example.com", displayName: "Ada", metadata: { role: "admin" } });
 */
export interface UserOptions {
  identifier: string;
  displayName?: string;
  metadata?: Record<string, unknown>;
}

/**
 * A user, as returned by the auth callbacks and by `cl.userSession.get("user")`.
 * @example
 * cl.passwordAuthCallback((u, p) => (p === "secret" ? new cl.User({ identifier: u }) : null));
 */
export class User {
  identifier: string;
  displayName?: string;
  metadata: Record<string, unknown>;

  constructor(options: UserOptions) {
    this.identifier = options.identifier;
    this.displayName = options.displayName;
    this.metadata = options.metadata ?? {};
  }

  toJSON(): UserOptions {
    return { identifier: this.identifier, displayName: this.displayName, metadata: this.metadata };
  }
}

registerRevivable("User", User, (data) => new User(data as UserOptions));
