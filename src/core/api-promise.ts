/**
 * The promise every call returns: awaiting it gives the unwrapped data, and `withResponse()`
 * also gives the request id (on success too), the idempotency key and the raw `Response`.
 */

export interface APIResponse<T> {
  data: T;
  /** `meta.requestId` of the response; quote it in support tickets. */
  requestId: string | null;
  /** The Idempotency-Key the request carried (`null` for GET and public routes). */
  idempotencyKey: string | null;
  /** The raw response; its body has already been read. */
  response: Response;
}

/**
 * What every API method returns: a `Promise` of the result that also offers `.withResponse()`,
 * for the request id (and the raw `Response`) on success too.
 *
 * @example
 * ```ts
 * const customer = await plugipay.customers.get('cus_1');
 * const { data, requestId } = await plugipay.customers.get('cus_1').withResponse();
 * ```
 */
export class APIPromise<T> implements Promise<T> {
  readonly #result: Promise<APIResponse<T>>;

  constructor(result: Promise<APIResponse<T>>) {
    this.#result = result;
  }

  /** The data with its request id, idempotency key and raw response. */
  withResponse(): Promise<APIResponse<T>> {
    return this.#result;
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // One reaction, not a chain of two: each `then` is a microtask hop on every call.
    return this.#result.then(onfulfilled ? (r) => onfulfilled(r.data) : (r) => r.data as unknown as R1, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  readonly [Symbol.toStringTag] = 'APIPromise';
}
