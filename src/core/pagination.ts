/**
 * Cursor pagination (WIRE 6). `list()` returns a `PagePromise`: await it for the first page, or
 * iterate it with `for await` for every item of every page, one page in memory at a time.
 */
import { APIPromise, type APIResponse } from './api-promise';
import { PlugipayError } from './errors';

/** One page of a list: its items, whether more follow, and the cursor of the next page. */
export interface Page<T> {
  data: T[];
  hasMore: boolean;
  /** Pass as `cursor` (with the same filters) to fetch the next page. */
  nextCursor: string | null;
  requestId: string | null;
}

/**
 * What a `list()` method returns: await it for the first page, or iterate it with `for await`
 * for every item of every page, fetching one page at a time.
 *
 * @example
 * ```ts
 * const first = await plugipay.customers.list({ limit: 20 }); // { data, hasMore, nextCursor, requestId }
 * for await (const customer of plugipay.customers.list()) console.log(customer.id);
 * ```
 */
export class PagePromise<T> extends APIPromise<Page<T>> implements AsyncIterable<T> {
  readonly #fetchPage: (cursor: string) => Promise<APIResponse<Page<T>>>;

  /**
   * @param first the first page, already requested
   * @param fetchPage fetches the page after `cursor` with the same filters
   */
  constructor(first: Promise<APIResponse<Page<T>>>, fetchPage: (cursor: string) => Promise<APIResponse<Page<T>>>) {
    super(first);
    this.#fetchPage = fetchPage;
  }

  /** Every page in turn, starting with the first. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let answer = await this.withResponse();
    yield answer.data;
    // Every cursor followed so far: a server that hands one back again (the same page, or a
    // cycle of them) while saying `hasMore` would loop forever.
    const followed = new Set<string>();
    // A page that claims more but gives no cursor would loop forever too: stop there.
    for (let cursor = answer.data.nextCursor; answer.data.hasMore && cursor; cursor = answer.data.nextCursor) {
      if (followed.has(cursor)) {
        throw new PlugipayError({
          status: answer.response.status,
          code: 'invalid_response',
          message: 'Plugipay repeated a list cursor (hasMore: true)',
          requestId: answer.requestId,
        });
      }
      followed.add(cursor);
      answer = await this.#fetchPage(cursor);
      yield answer.data;
    }
  }

  /** Every item of every page, fetching the next page only when this one is used up. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }
}
