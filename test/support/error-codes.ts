/**
 * The error codes the SDK itself raises, read from its source (src/, less the emulator, which
 * plays the server and answers with the server's codes):
 * - members of a `PlugipayErrorCode` union in src/core/errors.ts, where one is declared, with
 *   the members of every union it names (`| WebhookHandlingErrorCode`);
 * - `code: '…'` literals (the errors constructed in place);
 * - codes passed to a helper that builds an error from its argument, e.g.
 *   `const signatureError = (code, …) => new PlugipaySignatureError({ code: 'signature_' + code, … })`
 *   called as `signatureError('missing', …)`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const CODE = /^[a-z][a-z0-9_]*$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The codes in `text` (one source file), each with the line it came from. */
export function codesIn(text: string): string[] {
  const codes: string[] = [...unionCodes(text, 'PlugipayErrorCode')];
  for (const [, code] of text.matchAll(/\bcode:\s*'([^']+)'(?!\s*\+)/g)) codes.push(code!);
  // Helpers whose first parameter becomes (the tail of) the code.
  const helper = /(?:function\s+(\w+)\s*\(\s*(\w+)|(?:const|let)\s+(\w+)\s*=\s*\(\s*(\w+))[^]*?\bcode:\s*(?:'([^']*)'\s*\+\s*)?(\w+)\b/g;
  for (const match of text.matchAll(helper)) {
    const name = match[1] ?? match[3];
    const param = match[2] ?? match[4];
    if (match[6] !== param || match[0].length > 400) continue;
    codes.push(...callsOf(text, name!, match[5] ?? ''));
  }
  // …or is passed on in shorthand: `function configError(code, message) { return new PlugipayError({ code, message }) }`.
  const shorthand = /function\s+(\w+)\s*\(\s*code\b[^]*?[{,]\s*code\s*[,}]/g;
  for (const match of text.matchAll(shorthand)) if (match[0].length <= 400) codes.push(...callsOf(text, match[1]!, ''));
  return codes.filter((code) => CODE.test(code));
}

/**
 * The string literals of the union type `name` in `text`, and those of every union type of the
 * same file that it names as a member (`| WebhookHandlingErrorCode`), however deep.
 */
function unionCodes(text: string, name: string, seen = new Set<string>()): string[] {
  if (seen.has(name)) return [];
  seen.add(name);
  // Comments inside the union (one per member) may hold a `;`: read the union without them.
  const union = text.replace(/\/\*[^]*?\*\//g, '').match(new RegExp(`export type ${name}\\s*=([^;]*);`));
  if (!union) return [];
  const literals = [...union[1]!.matchAll(/'([^']+)'/g)].map(([, code]) => code!);
  const aliases = [...union[1]!.matchAll(/\|\s*([A-Z]\w*)\b(?!\s*[<&])/g)].map(([, alias]) => alias!);
  return [...literals, ...aliases.flatMap((alias) => unionCodes(text, alias, seen))];
}

/** The first string argument of every call of `name` in `text`, after `prefix`. */
function callsOf(text: string, name: string, prefix: string): string[] {
  return [...text.matchAll(new RegExp(`\\b${name}\\(\\s*'([^']+)'`, 'g'))].map(([, code]) => prefix + code);
}

/** Every code raised under `src`, with the files that raise it. */
export function raisedCodes(root: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const rel = relative(root, file);
    if (/^src[\\/]testing[\\/]emulator/.test(rel)) continue;
    for (const code of codesIn(readFileSync(file, 'utf8'))) found.set(code, [...new Set([...(found.get(code) ?? []), rel])]);
  }
  return found;
}
