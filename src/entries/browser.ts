/**
 * `plugipay-edge/browser`: what a buyer-facing page needs, the public checkout client and the
 * shared errors. It holds no secret and offers no way to use one: the server client stays on
 * the server (building it in a page throws `browser_secret`).
 */
export { PublicCheckoutClient } from '../public-checkout/client';
export type { BuyerClaimInput, ChargeInput, PublicCallOptions, PublicCheckoutOptions } from '../public-checkout/client';
export { APIPromise } from '../core/api-promise';
export type { APIResponse } from '../core/api-promise';
export { PlugipayError, PlugipayNetworkError, PlugipayTimeoutError, PlugipaySignatureError, isRetryable } from '../core/errors';
export type { FieldError, PlugipayErrorInit } from '../core/errors';
export type { FetchLike } from '../core/transport';
export type { PublicCheckoutSession, ManualBankAccount, ChargeResult } from '../public-checkout/types';
