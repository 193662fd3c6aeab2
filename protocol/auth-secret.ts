/**
 * What makes EDGELIT_AUTH_SECRET strong enough: about 32 random bytes. HS256 cookies can be
 * tested offline against guesses, so a word, a short string or a pattern is refused with the
 * same words by `edgelit run` (before starting) and by the Worker (on every request but /health).
 */

/** Characters of a base64url encoding of 32 bytes (what `edgelit create-secret` prints). */
export const MIN_SECRET_CHARS = 43;
/** Hex digits of 32 bytes. */
export const MIN_HEX_SECRET_CHARS = 64;

/**
 * Observed bits per character below which a string is not random. Random values sit well
 * above (43 base64url characters average ~4.9 and never fell below 4.0 in 200,000 draws; 64 hex
 * digits average ~3.8, never below 3.3); repeated characters fall far below.
 */
const MIN_BITS_PER_CHAR = { hex: 3.0, other: 3.5 };

/** True when the string is one shorter piece repeated (`abcabcabc…`, `xyxyxy…`). */
function periodic(text: string): boolean {
  for (let period = 1; period <= text.length / 2; period++) {
    let repeats = true;
    for (let i = period; i < text.length && repeats; i++) repeats = text[i] === text[i - period];
    if (repeats) return true;
  }
  return false;
}

/** The Shannon entropy of the string's own character frequencies, in bits per character. */
function bitsPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Why `secret` is too weak to sign logins, or null when it looks like 32+ random bytes.
 * @example
 * secretWeakness("changeme"); // "it has 8 characters; …"
 */
export function secretWeakness(secret: string): string | null {
  const hex = /^[0-9a-fA-F]+$/.test(secret);
  const min = hex ? MIN_HEX_SECRET_CHARS : MIN_SECRET_CHARS;
  if (secret.length < min) {
    return `it has ${secret.length} characters; at least ${min} are needed`;
  }
  if (
    periodic(secret) ||
    bitsPerChar(secret) < (hex ? MIN_BITS_PER_CHAR.hex : MIN_BITS_PER_CHAR.other)
  ) {
    return "it is a repetition of too few characters to be random";
  }
  return null;
}

/** The one message for a weak secret, naming the problem and the way out. */
export function weakSecretMessage(weakness: string): string {
  return (
    `EDGELIT_AUTH_SECRET is too weak (${weakness}): it must be at least 32 random bytes ` +
    `(${MIN_SECRET_CHARS}+ base64url characters or ${MIN_HEX_SECRET_CHARS} hex digits), ` +
    `not a word or a pattern; make one with "npx edgelit create-secret"`
  );
}
