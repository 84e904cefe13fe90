/**
 * Well-formed Unicode. A lone surrogate cannot be encoded as UTF-8: `TextEncoder`, `URL` and
 * `Headers` silently replace it with U+FFFD and `encodeURIComponent` throws a `URIError`, so a
 * string holding one is refused at the boundary instead of being sent as something else.
 */

// With the `u` flag a surrogate pair is one code point, so only an unpaired half is in `Cs`.
const LONE_SURROGATE = /\p{Cs}/u;
// A quick range test first: almost no string holds a surrogate at all.
const SURROGATE = /[\uD800-\uDFFF]/;

/** What a field holding a lone surrogate is told. */
export const LONE_SURROGATE_PROBLEM = 'holds a lone surrogate (invalid Unicode)';

/** True when `text` has no lone surrogate (what `String.prototype.isWellFormed` says, on ES2022). */
export function isWellFormed(text: string): boolean {
  return !SURROGATE.test(text) || !LONE_SURROGATE.test(text);
}
