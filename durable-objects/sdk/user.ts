import { registerRevivable } from "./serialize.js";

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
