/**
 * A `cl.User` from what an auth callback returned or a token carried. Authors may return a
 * `cl.User` or a plain `{ identifier, displayName?, metadata? }`; anything else (null,
 * undefined, an empty identifier) is no user.
 */
import { User } from "../../durable-objects/sdk/user.js";

export function toUser(result: unknown): User | null {
  if (result instanceof User) return result.identifier ? result : null;
  if (!result || typeof result !== "object") return null;
  const identifier: unknown = Reflect.get(result, "identifier");
  if (typeof identifier !== "string" || identifier === "") return null;
  const displayName: unknown = Reflect.get(result, "displayName");
  const metadata: unknown = Reflect.get(result, "metadata");
  return new User({
    identifier,
    displayName: typeof displayName === "string" ? displayName : undefined,
    metadata:
      metadata && typeof metadata === "object" && !Array.isArray(metadata) ? { ...metadata } : {},
  });
}
