/**
 * The elements shown with messages (`cl.Text`, `cl.Image`, `cl.File`, `cl.Pdf`, `cl.Audio`,
 * `cl.Video`, `cl.Plotly`, `cl.Dataframe`, `cl.CustomElement`) and what they share. An element's
 * URL is either an app `public/` file or http(s) one the author gave, or one the session makes
 * for bytes it stored; small text content travels inline in the frame, anything else in R2.
 */
import { withoutBidi } from "../../protocol/accept.js";
import type { ElementData } from "../../protocol/frames.js";
import { currentScope } from "../session/context.js";
import { newId } from "./ids.js";
import { registerRevivable } from "./serialize.js";

/**
 * Where an element is shown: in the message (`inline`), in the side panel (`side`) or on a page
 * of its own (`page`), opened from a link in the message.
 * @example
 * new cl.Text({ name: "source", content: "…", display: "side" });
 */
export type Display = "inline" | "side" | "page";
/**
 * How large an element is drawn.
 * @example
 * new cl.Image({ name: "logo", url: "/public/logo.svg", size: "small" });
 */
export type ElementSize = "small" | "medium" | "large";
/** @internal The wire name of an element kind (`"image"`, `"tasklist"`, …). */
export type ElementType = ElementData["type"];

/**
 * What every element takes: its `name`, its `content` (or an app `url`), where it is shown and
 * which message it belongs to.
 * @example
 * const options: cl.ElementOptions = { name: "chart.png", content: bytes, display: "inline" };
 */
export interface ElementOptions {
  name?: string;
  /**
   * The element's data. Text-like elements (text, plotly, dataframe, tasklist, custom) with a
   * string up to INLINE_LIMIT carry it in the frame; everything else goes to R2 behind a URL.
   */
  content?: string | Uint8Array | ArrayBuffer;
  /** An app `public/` file (`/public/x.png`) or an absolute https URL chosen by the app. */
  url?: string;
  display?: Display;
  size?: ElementSize;
  mime?: string;
  language?: string;
  id?: string;
  forId?: string;
  props?: Record<string, unknown>;
  /** Audio or video: start playing as soon as it arrives (a spoken answer). */
  autoPlay?: boolean;
}

/** Text content smaller than this is sent inline in the frame. */
export const INLINE_LIMIT = 64 * 1024;

/** Types whose content the UI reads from the frame; files and media always need a URL. */
const INLINE_TYPES: ReadonlySet<ElementType> = new Set([
  "text",
  "plotly",
  "dataframe",
  "tasklist",
  "custom",
]);

/** App URLs an element may point at: its `public/` files, or http(s) resources. */
const APP_URL = /^(\/public\/|https?:\/\/)/i;

/**
 * Something shown with a message: an image, a file, a PDF, a plot… (the base of every element).
 * @example
 * const chart: cl.Element = new cl.Plotly({ name: "chart", content: figureJson });
 * await chart.send(message.id);
 * await chart.remove();
 */
export abstract class Element {
  abstract readonly type: ElementType;
  id: string;
  name: string;
  content?: string | Uint8Array | ArrayBuffer;
  url?: string;
  display: Display;
  /** How large it is drawn; a user's file (`cl.UploadedFile`) has its size in bytes here. */
  size?: ElementSize | number;
  mime?: string;
  language?: string;
  forId?: string;
  props?: Record<string, unknown>;
  autoPlay?: boolean;

  constructor(options: ElementOptions = {}) {
    this.id = options.id ?? newId();
    this.name = options.name ?? "";
    this.content = options.content;
    this.url = options.url;
    this.display = options.display ?? "inline";
    this.size = options.size;
    this.mime = options.mime;
    this.language = options.language;
    this.forId = options.forId;
    this.props = options.props;
    if (options.autoPlay) this.autoPlay = true;
  }

  /** @internal The MIME type of this kind of element when `mime` is not given. */
  defaultMime(): string | undefined {
    return undefined;
  }

  /** Shows the element, attached to the message `forId`. */
  async send(forId?: string): Promise<this> {
    const { session } = currentScope();
    if (forId) this.forId = forId;
    const data: ElementData = {
      id: this.id,
      type: this.type,
      // A name is shown and used as a download's file name: no bidi tricks in it.
      name: withoutBidi(this.name),
      display: this.display,
    };
    if (this.forId) data.forId = this.forId;
    const mime = this.mime ?? this.defaultMime();
    if (mime) data.mime = mime;
    if (typeof this.size === "string") data.size = this.size;
    if (this.language) data.language = this.language;
    if (this.props) data.props = this.props;
    if (this.autoPlay && (this.type === "audio" || this.type === "video")) data.autoPlay = true;

    if (this.url) {
      if (!APP_URL.test(this.url)) {
        throw new Error(
          `Edgelit: element url "${this.url}" must be an app public file ("/public/…") or an http(s) URL`,
        );
      }
      data.url = this.url;
    } else if (
      typeof this.content === "string" &&
      this.content.length <= INLINE_LIMIT &&
      INLINE_TYPES.has(this.type)
    )
      data.content = this.content;
    else if (this.content !== undefined) {
      const bytes =
        typeof this.content === "string" ? new TextEncoder().encode(this.content) : this.content;
      await session.putElement(data, { bytes, ...(mime ? { mime } : {}) });
      return this;
    }
    await session.putElement(data);
    return this;
  }

  /** Removes the element from the chat. */
  async remove(): Promise<void> {
    currentScope().session.removeElement(this.id);
  }

  toJSON(): Record<string, unknown> {
    const { content: _content, ...rest } = this;
    return { ...rest };
  }
}

function defineElement(type: ElementType, defaultMime?: string) {
  return class extends Element {
    readonly type = type;
    override defaultMime() {
      return defaultMime;
    }
  };
}

/**
 * Text or code (`language`) shown in the chat.
 * @example
 * await new cl.Text({ name: "snippet", content: "const answer = 42;", language: "ts" }).send(message.id);
 */
export class Text extends defineElement("text", "text/plain") {}
/**
 * An image shown in the chat (`content` bytes, or an app `url`).
 * @example
 * await new cl.Image({ name: "cat.png", content: bytes, mime: "image/png" }).send(message.id);
 */
export class Image extends defineElement("image") {}
/**
 * A downloadable file.
 * @example
 * await new cl.File({ name: "hello.txt", content: "Hello from a file.", mime: "text/plain" }).send(message.id);
 */
export class File extends defineElement("file") {}
/**
 * A PDF document, shown with a viewer.
 * @example
 * await new cl.Pdf({ name: "report.pdf", content: bytes, display: "side" }).send(message.id);
 */
export class Pdf extends defineElement("pdf", "application/pdf") {}
/**
 * An audio clip, shown with a player.
 * @example
 * await new cl.Audio({ name: "answer.mp3", content: bytes, mime: "audio/mpeg" }).send(message.id);
 */
export class Audio extends defineElement("audio") {}
/**
 * A video, shown with a player.
 * @example
 * await new cl.Video({ name: "demo.mp4", url: "/public/demo.mp4" }).send(message.id);
 */
export class Video extends defineElement("video") {}
/**
 * A Plotly figure; `content` is the figure JSON.
 * @example
 * const figure = { data: [{ x: [1, 2, 3], y: [2, 1, 3], type: "scatter" }], layout: {} };
 * await new cl.Plotly({ name: "chart", content: JSON.stringify(figure) }).send(message.id);
 */
export class Plotly extends defineElement("plotly", "application/json") {}
/**
 * A table; `content` is JSON `{ columns, data }`.
 * @example
 * const table = { columns: ["city", "people"], data: [["Paris", 2.1], ["Lyon", 0.5]] };
 * await new cl.Dataframe({ name: "table", content: JSON.stringify(table) }).send(message.id);
 */
export class Dataframe extends defineElement("dataframe", "application/json") {}
/**
 * An app component from `public/elements/<name>.js`, given `props`.
 * @example
 * await new cl.CustomElement({ name: "Counter", props: { count: 0 } }).send(message.id);
 */
export class CustomElement extends defineElement("custom") {}

const classes = {
  text: Text,
  image: Image,
  file: File,
  pdf: Pdf,
  audio: Audio,
  video: Video,
  plotly: Plotly,
  dataframe: Dataframe,
  custom: CustomElement,
} as const;

for (const [type, ctor] of Object.entries(classes)) {
  registerRevivable(`Element:${type}`, ctor, (data) => new ctor(data as ElementOptions));
}
