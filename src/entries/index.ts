/** `plugipay-edge`: the client, the shared errors and the types, for any server runtime. */
export { PlugipayClient } from '../resources/registry';
export type { Namespaces } from '../resources/registry';
export { CoreClient } from '../core/client';
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from '../core/options';
export type { ClientOptions } from '../core/options';
export { fromEnv, webhookSecretFromEnv } from '../runtimes/from-env';
export type { PlugipayEnv } from '../core/env-config';
export type { RawRequestOptions } from '../core/client';
export type { RequestOptions } from '../core/pipeline';
export type { ClientHooks, RequestInfo, ResponseInfo, RequestErrorInfo, ResponseErrorInfo } from '../core/hooks';
export { APIPromise } from '../core/api-promise';
export type { APIResponse } from '../core/api-promise';
export { PagePromise } from '../core/pagination';
export type { Page } from '../core/pagination';
export { PlugipayError, PlugipayNetworkError, PlugipayTimeoutError, PlugipaySignatureError, isRetryable } from '../core/errors';
export type { FieldError, PlugipayErrorInit, PlugipayErrorCode } from '../core/errors';
export { withRetry, backoffDelay, retryAfterMs } from '../core/retry';
export type { WithRetryOptions } from '../core/retry';
// Webhook verification, as the `plugipay-edge/webhooks` entry has it.
export * from './webhooks';
// Handling each webhook event once (not in `plugipay-edge/webhooks`, which stays at verification).
export { handleOnce, newClaimOwner, DEFAULT_DEDUPE_TTL_SEC, DEFAULT_STORE_TIMEOUT_MS } from '../webhooks/handle-once';
export type { WebhookDedupeStore, DedupeClaim, HandleOnceResult, HandleOnceOptions } from '../webhooks/handle-once';
export { memoryDedupe, DEFAULT_RETAIN_SEC, DEFAULT_MAX_ENTRIES } from '../webhooks/memory-dedupe';
export type { DedupeStoreOptions, MemoryDedupeOptions } from '../webhooks/memory-dedupe';
export type { WebhookHandlingErrorCode } from '../core/errors';
export { signRequest } from '../core/signing';
export type { SignRequestInput } from '../core/signing';
export type { FetchLike, FetchOptions } from '../core/transport';
export type { Query, QueryValue } from '../core/url';
// Every input and response type of every namespace, as the resource files declare them beside
// their routes (the list is generated: scripts/public-types.mjs, run by `npm run docs`).
export type * from '../resources/public-types';
export type { PublicCheckoutSession, ManualBankAccount, ChargeResult } from '../public-checkout/types';
