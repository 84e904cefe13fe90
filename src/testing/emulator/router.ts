/**
 * The route table: `METHOD /api/v1/things/:id` patterns matched segment by segment. Path
 * parameters are percent-decoded once (`cus%201` → `cus 1`); a trailing `*` matches any rest.
 *
 * Why not hono: the emulator's `fetch` already has the global fetch's shape and runs in Node,
 * Deno, workerd and Bun as it is; one lookup here yields a route, a 405 with `Allow`, or the
 * API 501 not_emulated, which hono's router (404 on a method mismatch) would need a second pass
 * for; hono reads the path from `request.url` (WHATWG-serialized, and `decodeURI`d in its
 * `getPath`), so the raw target the signature is checked against would still bypass it; and an
 * npm dependency is installed for every entry, not just `plugipay-edge/testing`.
 */
import type { Handler } from './context';

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
  /** Buyer-facing routes: no authentication, no idempotency key. */
  public?: boolean;
  /**
   * `'optional'`: a write the server runs without an `Idempotency-Key` (the official clients send
   * none there); a key that is sent still replays. Every other signed write requires one.
   */
  idempotencyKey?: 'optional';
}

export type RouteLookup =
  { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'wrong_method'; allowed: string[] } | { kind: 'none' };

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray `%` that is not an escape: keep it as it came
  }
}

/** Params when `pattern` matches `pathname`, else `undefined`. */
export function matchPattern(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern === '/' ? [''] : pattern.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (part === '*') return params;
    const segment = got[i];
    if (segment === undefined) return undefined;
    if (!part.startsWith(':')) {
      if (part !== segment) return undefined;
    } else if (segment === '') {
      return undefined;
    } else {
      params[part.slice(1)] = decodeSegment(segment);
    }
  }
  return got.length === want.length ? params : undefined;
}

export class Router {
  constructor(private readonly routes: readonly Route[]) {}

  lookup(method: string, pathname: string): RouteLookup {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchPattern(route.pattern, pathname);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'wrong_method', allowed } : { kind: 'none' };
  }
}
