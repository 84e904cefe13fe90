/**
 * Declarative routes: a resource is a table of one-line `route(...)` entries, bound to a client
 * by `bindRoutes`. A route validates its input with its schema, fills and encodes its one path
 * placeholder (`{id}`, `{code}`, `{accountId}`), and hands a call to the client; it never
 * touches the network itself. A schema may transform its input into the body it sends (a
 * `FormData` for uploads, the nested plan form), and `transform` may reshape a result.
 *
 * A route is given its schema as a factory and builds it at its first call (then keeps it for
 * every client): evaluating the resource tables builds no schema, so a cold start pays only
 * for the routes it uses.
 */
import type * as v from 'valibot';
import { APIPromise } from '../core/api-promise';
import type { Requester } from '../core/client';
import type { Call, RequestOptions } from '../core/pipeline';
import type { PagePromise } from '../core/pagination';
import type { Query } from '../core/url';
import { assertSendable } from '../core/request-checks';
import { isWellFormed } from '../core/unicode';
import { readingInput, validateInput } from '../core/validation';
import { pathTemplate, type PathTemplate } from '../core/url';
import { pathParams } from './schemas';

export type { Call, RequestOptions } from '../core/pipeline';
export type { Requester } from '../core/client';

/** How a route's success is returned, with the TypeScript type it is returned as. */
export interface Returns<T, Kind extends 'json' | 'text' | 'binary' | 'void' | 'page'> {
  readonly kind: Kind;
  /** Type-only marker. */
  readonly type?: T;
}
export const json = <T>(): Returns<T, 'json'> => ({ kind: 'json' });
export const page = <T>(): Returns<T, 'page'> => ({ kind: 'page' });
export const text = (): Returns<string, 'text'> => ({ kind: 'text' });
export const binary = (): Returns<ArrayBuffer, 'binary'> => ({ kind: 'binary' });
export const none = (): Returns<void, 'void'> => ({ kind: 'void' });

/** What a result `transform` may need from the client it is bound to. */
export interface RouteContext {
  /** The client's base URL, e.g. to resolve a relative link the server returned. */
  readonly baseUrl: string;
}

type AnySchema = v.GenericSchema;
/** The placeholder's name labels the argument: `get(id)`, `getByCode(code)`, `getWorkspace(accountId)`. */
type PathArgs<P extends string> = P extends `${string}{code}${string}`
  ? [code: string]
  : P extends `${string}{accountId}${string}`
    ? [accountId: string]
    : P extends `${string}{${string}}${string}`
      ? [id: string]
      : [];
type InputArgs<S> = S extends AnySchema ? (undefined extends v.InferInput<S> ? [input?: v.InferInput<S>] : [input: v.InferInput<S>]) : [];
type RouteArgs<P extends string, S> = [...PathArgs<P>, ...InputArgs<S>, options?: RequestOptions];
type RouteResult<R> = R extends Returns<infer T, 'page'> ? PagePromise<T> : R extends Returns<infer T, infer _> ? APIPromise<T> : never;
type ResultOf<R> = R extends Returns<infer T, infer _> ? T : never;

export interface RouteSpec<R, S> {
  returns: R;
  /** Body schema (writes), as the factory that builds it … */
  body?: () => S;
  /** … or query schema (reads). */
  query?: () => S;
  /** Send the literal `{}` when there is no input (the official SDK's bodiless actions). */
  emptyBody?: true;
  /**
   * The route answers with a 3xx to a signed download URL, which is fetched once, without
   * credentials; every other route refuses redirects (`unexpected_redirect`).
   */
  followsSignedRedirect?: true;
  /**
   * Reshapes the decoded `data` into what the method returns (a narrow view, a resolved URL).
   * Its parameter is typed by the function given; `never` here only lets any of them fit.
   */
  transform?: (data: never, context: RouteContext) => ResultOf<R>;
}

export type Route<F> = (requester: Requester, context: RouteContext) => F;

/**
 * The schema's output with its top-level keys in the caller's order (WIRE 1 keeps a query's
 * insertion order; a strict object would otherwise emit the schema's order), then any key the
 * schema added (defaults, expansions).
 */
function inCallerOrder(output: unknown, input: unknown): unknown {
  if (!output || !input || typeof output != 'object' || typeof input != 'object' || output instanceof FormData) return output;
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(input)) if (key in output) ordered[key] = (output as Record<string, unknown>)[key];
  return Object.assign(ordered, output, ordered);
}

/** Whether a schema takes an object (every input but raw bytes), looking through `optional`. */
function takesObject(schema: AnySchema): boolean {
  let inner = schema as AnySchema & { wrapped?: AnySchema };
  while (inner.wrapped) inner = inner.wrapped as typeof inner;
  return /object|record/.test(inner.type);
}

/** An id that needs no schema to be sent: a non-empty string of valid Unicode, not `.` or `..`. */
const isPlainId = (value: unknown): value is string =>
  typeof value === 'string' && value !== '' && value !== '.' && value !== '..' && isWellFormed(value);

/**
 * The placeholder's schema, wrapped in an object so that a bad id is reported under its own name
 * (`id`, `code`): built at the first bad id, one per placeholder name.
 */
const paramSchemas = new Map<string, ReturnType<typeof pathParams>>();
function paramSchema(name: string): ReturnType<typeof pathParams> {
  let schema = paramSchemas.get(name);
  if (!schema) paramSchemas.set(name, (schema = pathParams(name)));
  return schema;
}

/** What a route works out once, at its first call: its path split at its placeholder, and its input schema. */
interface RoutePlan {
  readonly path: PathTemplate;
  readonly schema: AnySchema | undefined;
  readonly objectInput: boolean;
}

function planRoute(path: string, spec: RouteSpec<unknown, AnySchema>): RoutePlan {
  const schema = (spec.body ?? spec.query)?.();
  return { path: pathTemplate(path), schema, objectInput: schema !== undefined && takesObject(schema) };
}

export function route<
  const P extends string,
  R extends Returns<unknown, 'json' | 'text' | 'binary' | 'void' | 'page'>,
  S extends AnySchema | undefined = undefined,
>(method: Call['method'], path: P, spec: RouteSpec<R, S>): Route<(...args: RouteArgs<P, S>) => RouteResult<R>> {
  let plan: RoutePlan | undefined;
  return (requester, context) =>
    ((...args: unknown[]) => {
      const prepare = (): Call =>
        readingInput(() => {
          const { path: template, schema, objectInput } = (plan ??= planRoute(path, spec as RouteSpec<unknown, AnySchema>));
          const { param } = template;
          const kind = spec.returns.kind;
          // Read, not consumed: preparing twice gives the same call.
          const rest = [...args];
          const idValue = param ? rest.shift() : undefined;
          const input = schema ? rest.shift() : undefined;
          const options = rest.shift() as RequestOptions | undefined;
          // A valid id is checked without a schema (the hot path); a bad one gets the schema's message.
          const filled = param
            ? template.fill(isPlainId(idValue) ? idValue : validateInput(paramSchema(param), { [param]: idValue })[param]!)
            : path;
          // Before the schema: valibot reads any object (a Map, an array, a class instance) as one
          // with no fields, and would report the wrong problem or send `{}`.
          if (objectInput && input !== undefined) assertSendable(spec.query ? { query: input } : { body: input });
          const parsed = schema ? inCallerOrder(validateInput(schema, input), input) : undefined;
          const call: Call = {
            method,
            path: filled,
            responseKind: kind === 'text' || kind === 'binary' ? kind : 'json',
            options,
          };
          if (spec.query) call.query = parsed as Query | undefined;
          else if (spec.body) call.body = parsed ?? (spec.emptyBody ? {} : undefined);
          else if (spec.emptyBody) call.body = {};
          if (kind === 'void') call.discardsData = true;
          if (spec.followsSignedRedirect) call.followsSignedRedirect = true;
          return call;
        });
      if (spec.returns.kind === 'page') return requester.list(prepare);
      const result = requester.call(prepare);
      const { transform } = spec;
      return transform ? new APIPromise(result.withResponse().then((r) => ({ ...r, data: transform(r.data as never, context) }))) : result;
    }) as never;
}

/**
 * A resource's route table, typed by the resource interface it implements: each method of the
 * interface is one route whose inferred signature must fit the declared one.
 *
 * @internal
 */
export type RouteTable<R> = { readonly [K in keyof R]: Route<R[K]> };

export type BoundRoutes<T> = { [K in keyof T]: T[K] extends Route<infer F> ? F : never };

export function bindRoutes<T extends Record<string, Route<unknown>>>(
  requester: Requester,
  table: T,
  context: RouteContext,
): BoundRoutes<T> {
  const bound: Record<string, unknown> = {};
  for (const [name, make] of Object.entries(table)) bound[name] = make(requester, context);
  return bound as BoundRoutes<T>;
}
