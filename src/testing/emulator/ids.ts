/**
 * Identifiers the emulator mints. Random parts come from `crypto.getRandomValues` (never
 * `Math.random`), and only when an object is created: nothing is generated at import time.
 */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `length` characters of base62; the modulo bias is irrelevant for ids that only need to be unique. */
export function randomToken(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export function randomHex(bytes: number): string {
  let out = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(bytes))) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** A new id such as `cus_4fK…`; the prefixes follow the official SDKs' spelling. */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(20)}`;
}

export function newRequestId(): string {
  return newId('req');
}
