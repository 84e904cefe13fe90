/**
 * The JSON-exact rule for request bodies: a value goes out only when `JSON.stringify` sends
 * exactly what the caller meant. Left alone, it turns `NaN` and `undefined` array items into
 * `null`, drops functions and symbols, sends a `Map` or a class instance as `{}`, escapes a lone
 * surrogate the server cannot store, and throws a raw `TypeError` on a BigInt or a cycle. Each
 * becomes a named field problem here, before anything is sent.
 */
import type { FieldError } from './errors';
import { isWellFormed, LONE_SURROGATE_PROBLEM } from './unicode';

/** Enough to fix a body; a hostile one could otherwise list millions. */
const MAX_PROBLEMS = 20;

/** What a value is, for a message: its type or class, never the value (it may be private). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value === 'number' ? String(value) : typeof value;
  if (Array.isArray(value)) return 'an array';
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name ? `a ${name}` : 'an object';
}

/** A plain object: an object literal or `Object.create(null)`, nothing with a class of its own. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Written without closures or extra calls per value: it runs on every request body. */
function walk(value: unknown, path: string, ancestors: object[], out: FieldError[], inArray: boolean): void {
  if (out.length >= MAX_PROBLEMS) return;
  const type = typeof value;
  if (type === 'string') {
    if (!isWellFormed(value as string)) out.push({ field: path, message: LONE_SURROGATE_PROBLEM });
    return;
  }
  if (type === 'number') {
    if (!Number.isFinite(value)) out.push({ field: path, message: `is ${value}, which JSON sends as null` });
    return;
  }
  if (type === 'boolean' || value === null) return;
  if (type === 'undefined') {
    // An undefined object property is an option left out; inside an array it would become null.
    if (inArray) out.push({ field: path, message: 'is undefined in an array (sent as null): remove it or use null' });
    return;
  }
  if (type === 'bigint') return void out.push({ field: path, message: 'is a BigInt: send a string or a safe integer' });
  if (type !== 'object') return void out.push({ field: path, message: `is a ${type}, which JSON drops` });
  const object = value as object;
  if (ancestors.includes(object)) return void out.push({ field: path, message: 'is a circular reference' });
  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) out.push({ field: path, message: 'is an invalid Date' });
    return;
  }
  ancestors.push(object);
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    let replaced: unknown;
    let threw = false;
    try {
      replaced = toJSON.call(object, path);
    } catch {
      threw = true;
    }
    if (threw) out.push({ field: path, message: 'has a toJSON() that throws' });
    else walk(replaced, path, ancestors, out, inArray);
  } else if (Array.isArray(object)) {
    // Index by index, so a hole (sent as null) is seen too.
    for (let i = 0; i < object.length; i++) walk(object[i], `${path}[${i}]`, ancestors, out, true);
  } else if (!isPlainObject(object)) {
    out.push({ field: path, message: `is ${describeValue(object)}: send a plain object` });
  } else {
    if (Object.getOwnPropertySymbols(object).length) out.push({ field: path, message: 'has symbol keys, which JSON drops' });
    for (const key of Object.keys(object)) {
      const field = path ? `${path}.${key}` : key;
      if (!isWellFormed(key)) out.push({ field, message: `is a key that ${LONE_SURROGATE_PROBLEM}` });
      else walk((object as Record<string, unknown>)[key], field, ancestors, out, false);
    }
  }
  ancestors.pop();
}

/**
 * Every reason `value` would not survive `JSON.stringify` exactly, as field problems under
 * `root`; empty when it would. Never throws: a getter or proxy that throws is a problem too.
 */
export function jsonProblems(value: unknown, root = ''): FieldError[] {
  const out: FieldError[] = [];
  try {
    walk(value, root, [], out, false);
  } catch (error) {
    const deep = error instanceof RangeError;
    out.push({ field: root || 'input', message: deep ? 'is nested too deeply' : 'could not be read (a getter or proxy threw)' });
  }
  for (const problem of out) if (!problem.field) problem.field = 'input';
  return out;
}
