/**
 * The response headers of every stored file this origin serves (author elements and user
 * uploads alike): never sniffed, sandboxed, and shown inline only when its type is on a short
 * list a browser cannot run as a page (raster images, audio, video, PDF, plain text). Anything
 * else, or a file with no type at all, is an `application/octet-stream` attachment.
 */
import { withoutBidi } from "../protocol/accept.js";

/** Types a browser may show inline; svg and html are absent on purpose (they run scripts). */
const INLINE_SAFE =
  /^(image\/(png|jpeg|gif|webp|avif|bmp|x-icon)|audio\/[\w.+-]+|video\/[\w.+-]+|application\/pdf|text\/plain)$/;

/** Types guessed from a name when the author gave none; only inline-safe ones are guessed. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  pdf: "application/pdf",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  ogg: "audio/ogg",
  mp4: "video/mp4",
  webm: "video/webm",
  txt: "text/plain",
};

/** What is known of a stored file: its declared type (maybe none) and its display name. */
export interface StoredFile {
  mime: string | undefined;
  name: string;
}

/** The media type without parameters, lower-cased; undefined when it is not one. */
function baseType(mime: string | undefined): string | undefined {
  const base = mime?.split(";")[0]?.trim().toLowerCase();
  return base && /^[\w.+-]+\/[\w.+-]+$/.test(base) ? base : undefined;
}

/** The type a file is served as before the safe list applies. */
function declaredType({ mime, name }: StoredFile): string {
  const base = baseType(mime);
  if (base) return base;
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || "application/octet-stream";
}

/**
 * Headers for serving a stored file on this origin.
 * @example
 * fileHeaders({ mime: undefined, name: "x.html" }).get("content-type"); // "application/octet-stream"
 */
export function fileHeaders(file: StoredFile): Headers {
  const type = declaredType(file);
  const inline = INLINE_SAFE.test(type);
  const disposition = inline ? "inline" : "attachment";
  return new Headers({
    "cache-control": "private, max-age=3600",
    "content-type": inline
      ? type === "text/plain"
        ? "text/plain; charset=utf-8"
        : type
      : "application/octet-stream",
    "content-disposition": `${disposition}; filename*=UTF-8''${encodeURIComponent(withoutBidi(file.name) || "file")}`,
    // Chromium's PDF viewer still runs in a sandboxed document (checked with Chromium 156).
    "content-security-policy": "sandbox",
    "x-content-type-options": "nosniff",
  });
}
