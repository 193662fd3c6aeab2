/** A starter button on the welcome screen; clicking it sends `message`. */
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

/** An entry of the chat profile selector; `cl.userSession.get("chatProfile")` is its name. */
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
