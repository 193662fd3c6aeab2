/**
 * `cl.UploadedFile`: a file the user sent, as an element of the right kind. Only its metadata
 * is held here; the bytes stay in R2 and every read goes through the session, which checks the
 * file belongs to this chat.
 */
import { currentScope } from "../session/context.js";
import { elementTypeFor, type UploadMeta } from "../session/files.js";
import { Audio, Element, File, Image, Pdf, Video } from "./elements.js";
import { registerRevivable } from "./serialize.js";

const copies = { image: Image, audio: Audio, video: Video, pdf: Pdf, file: File } as const;

/**
 * A file the user sent: an attachment of a message (`message.elements`) or an answer to
 * `cl.AskFileMessage`. `size` is in bytes. The bytes stay in R2 and are read on demand; each
 * read checks that the file belongs to the current chat session.
 * @example
 * cl.onMessage(async (message) => {
 *   for (const file of message.elements) {
 *     if (file instanceof cl.UploadedFile && file.mime === "text/plain") console.log(await file.text());
 *   }
 * });
 */
export class UploadedFile extends Element {
  readonly type: "image" | "audio" | "video" | "pdf" | "file";
  override mime: string;
  /** Size in bytes. */
  override size: number;

  constructor(meta: UploadMeta & { forId?: string }) {
    super({ id: meta.id, name: meta.name, mime: meta.mime, forId: meta.forId });
    this.type = elementTypeFor(meta.mime);
    this.mime = meta.mime;
    this.size = meta.size;
  }

  /** The file's bytes. Throws when the file is not part of the current chat. */
  async bytes(): Promise<Uint8Array> {
    const { session } = currentScope();
    if (!session.usedUpload(this.id)) {
      throw new Error(`Edgelit: the file "${this.name}" does not belong to this chat`);
    }
    const bytes = await session.readUpload(this.id);
    if (!bytes) throw new Error(`Edgelit: the file "${this.name}" is no longer stored`);
    return bytes;
  }

  /** The file's content decoded as UTF-8. */
  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  /** Shows a copy of the file with another message (the user's own stays where it is). */
  override async send(forId?: string): Promise<this> {
    const Copy = copies[this.type];
    await new Copy({
      name: this.name,
      mime: this.mime,
      content: await this.bytes(),
      display: this.display,
    }).send(forId);
    return this;
  }

  override toJSON() {
    return { id: this.id, name: this.name, mime: this.mime, size: this.size, forId: this.forId };
  }
}

registerRevivable(
  "UploadedFile",
  UploadedFile,
  (data) => new UploadedFile(data as UploadMeta & { forId?: string }),
);
