/**
 * One charge in flight per checkout session. The public charge route takes no idempotency key,
 * so a double click would start two payments; the page-side guard is the only protection.
 */
import { PlugipayError } from '../core/errors';

export class ChargeGuard<P extends PromiseLike<unknown>> {
  readonly #inFlight = new Map<string, { key: string; promise: P }>();

  /** The pending call for `sessionId` when it has the same `key`; otherwise starts `start()` unless another key is pending. */
  run(sessionId: string, key: string, start: () => P): P {
    const pending = this.#inFlight.get(sessionId);
    if (pending) {
      if (pending.key === key) return pending.promise;
      throw new PlugipayError({
        code: 'charge_in_progress',
        message: `a charge for this session is already in flight (method ${pending.key}): wait for it to settle before charging again`,
      });
    }
    const promise = start();
    this.#inFlight.set(sessionId, { key, promise });
    const settle = () => {
      if (this.#inFlight.get(sessionId)?.promise === promise) this.#inFlight.delete(sessionId);
    };
    promise.then(settle, settle);
    return promise;
  }
}
