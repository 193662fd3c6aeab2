/**
 * Where a chat session is being answered: the web app, the copilot widget, or a chat platform.
 * The Worker decides it (never the client) and hands it to the session object in one header;
 * an unknown or missing value is the web app. One list, so each surface adds its name here.
 */

/** Every value `cl.context.clientType` can take. */
export const CLIENT_TYPES = ["webapp", "copilot", "slack", "discord", "teams"] as const;

/**
 * Where the current chat runs (`cl.context.clientType`).
 * @example
 * const where: cl.ClientType = cl.context.clientType;
 * if (where === "slack") await new cl.Message("Plain text only here.").send();
 */
export type ClientType = (typeof CLIENT_TYPES)[number];

/** Header by which the Worker tells the session object its client type. */
export const CLIENT_TYPE_HEADER = "x-edgelit-client-type";

/** A client type from a header or storage; anything else is `"webapp"`. */
export function parseClientType(value: unknown): ClientType {
  return CLIENT_TYPES.find((t) => t === value) ?? "webapp";
}
