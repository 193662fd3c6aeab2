/**
 * `cl.ChatProfile` and `cl.Starter`: what `cl.setChatProfiles` and `cl.setStarters` return.
 * Plain data, read when the welcome screen is drawn; the chosen profile's name is kept in
 * `cl.userSession.get("chatProfile")`.
 */

/**
 * A starter button on the welcome screen; clicking it sends `message`.
 * @example
 * new cl.Starter({ label: "Plan a trip", message: "Plan a 3-day trip to Lisbon.", icon: "/public/map.svg" });
 */
export class Starter {
  label: string;
  message: string;
  icon?: string;

  constructor(options: { label: string; message: string; icon?: string }) {
    this.label = options.label;
    this.message = options.message;
    this.icon = options.icon;
  }
}

/**
 * An entry of the chat profile selector; `cl.userSession.get("chatProfile")` is its name.
 * @example
 * new cl.ChatProfile({ name: "Careful", markdownDescription: "A **large** model.", default: true });
 */
export class ChatProfile {
  name: string;
  markdownDescription?: string;
  icon?: string;
  default?: boolean;
  starters?: Starter[];

  constructor(options: {
    name: string;
    markdownDescription?: string;
    icon?: string;
    default?: boolean;
    starters?: Starter[];
  }) {
    this.name = options.name;
    this.markdownDescription = options.markdownDescription;
    this.icon = options.icon;
    this.default = options.default;
    this.starters = options.starters;
  }
}
