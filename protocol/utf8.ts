/**
 * Counting UTF-8 bytes without encoding: every size limit on what crosses the wire (a client
 * frame, a window message, a metered reply) is in bytes, and this is the one way they are
 * counted. Pure and allocation-free.
 */

/** Bytes of `text` in UTF-8, counted without encoding it. */
export function utf8Bytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // 2 bytes below U+0800, 3 above; a surrogate pair (2 units) is 4 bytes.
    if (unit >= 0x80) bytes += unit >= 0x800 && (unit < 0xd800 || unit > 0xdfff) ? 2 : 1;
  }
  return bytes;
}
