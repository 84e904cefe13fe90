import { expect } from 'vitest';
import { PlugipayError } from '../../src/entries/index';

/** The `PlugipayError` a call fails with; the test fails if it succeeds or throws anything else. */
export async function failure(promise: PromiseLike<unknown>): Promise<PlugipayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PlugipayError);
    return error as PlugipayError;
  }
  throw new Error('expected the call to fail');
}
