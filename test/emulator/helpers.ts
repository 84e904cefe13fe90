/**
 * Signed calls to the emulator for tests, built with the independent node:crypto signer (never
 * src/core/signing.ts), so the emulator's verification is checked against a second recipe.
 */
import { randomUUID } from 'node:crypto';
import { nodeSign } from '../support/node-signer';
import type { Emulator } from '../../src/testing/emulator';

export const BASE = 'https://plugipay.com';

export interface CallOptions {
  method?: string;
  /** An object is sent as compact JSON; a string as is. */
  body?: unknown;
  /** Default for writes: a fresh `idem_<uuid>`; `null` sends none. */
  idempotencyKey?: string | null;
  /** Sign this key instead of the header's (to test a missing idempotency line). */
  signedIdempotencyKey?: string | null;
  /** Unix seconds; default: the emulator's clock. */
  timestamp?: number | string;
  secret?: string;
  keyId?: string;
  onBehalfOf?: string;
  headers?: Record<string, string>;
  /** Sign a different target than the one sent (to test tampering). */
  signedTarget?: string;
  /** Sign a different body than the one sent. */
  signedBody?: string | null;
  signal?: AbortSignal;
  base?: string;
}

export interface CallResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
  text: string;
}

export function signedRequest(
  credentials: { keyId: string; secret: string },
  target: string,
  options: CallOptions & { nowMs?: number } = {},
): Request {
  const method = (options.method ?? 'GET').toUpperCase();
  const bodyText = options.body === undefined ? null : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const idempotencyKey = options.idempotencyKey !== undefined ? options.idempotencyKey : method === 'GET' ? null : `idem_${randomUUID()}`;
  const timestamp = String(options.timestamp ?? Math.floor((options.nowMs ?? Date.now()) / 1000));
  const signature = nodeSign({
    secret: options.secret ?? credentials.secret,
    method,
    target: options.signedTarget ?? target,
    timestamp,
    body: options.signedBody !== undefined ? options.signedBody : bodyText,
    idempotencyKey: options.signedIdempotencyKey !== undefined ? options.signedIdempotencyKey : idempotencyKey,
  });
  const headers: Record<string, string> = {
    Accept: 'application/json',
    Authorization: `Plugipay-HMAC-SHA256 keyId=${options.keyId ?? credentials.keyId}, scope=*, signature=${signature}`,
    'X-Plugipay-Timestamp': timestamp,
  };
  if (bodyText !== null) headers['Content-Type'] = 'application/json';
  if (idempotencyKey !== null) headers['Idempotency-Key'] = idempotencyKey;
  if (options.onBehalfOf) headers['X-Plugipay-On-Behalf-Of'] = options.onBehalfOf;
  return new Request(`${options.base ?? BASE}${target}`, {
    method,
    headers: { ...headers, ...options.headers },
    body: bodyText,
    signal: options.signal ?? null,
  });
}

export async function readResult(response: Response): Promise<CallResult> {
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, headers: response.headers, text };
}

/** A tiny signed client over an emulator (or any fetch), with the emulator's clock. */
export function apiFor(
  emulator: Emulator,
  { now = () => Date.now(), fetch = emulator.fetch, base = BASE }: { now?: () => number; fetch?: Emulator['fetch']; base?: string } = {},
) {
  const call = async (target: string, options: CallOptions = {}): Promise<CallResult> =>
    readResult(await fetch(signedRequest(emulator.credentials, target, { base, nowMs: now(), ...options })));
  return {
    call,
    get: (target: string, options: CallOptions = {}) => call(target, options),
    post: (target: string, body: unknown = {}, options: CallOptions = {}) => call(target, { method: 'POST', body, ...options }),
    patch: (target: string, body: unknown, options: CallOptions = {}) => call(target, { method: 'PATCH', body, ...options }),
    del: (target: string, options: CallOptions = {}) => call(target, { method: 'DELETE', ...options }),
  };
}

export type Api = ReturnType<typeof apiFor>;

export const CHECKOUT_INPUT = {
  amount: 150000,
  currency: 'IDR',
  methods: ['qris'],
  successUrl: 'https://shop.example/ok',
  cancelUrl: 'https://shop.example/cancel',
};

/** A valid plan input: one flat IDR price and every portal feature set. */
export const PLAN_INPUT = {
  name: 'Pro',
  interval: 'month',
  portalFeatures: {
    selfServeCancel: true,
    selfServePause: false,
    selfServeUpgrade: false,
    selfServeDowngrade: false,
    updatePaymentMethod: true,
  },
  prices: [{ currency: 'IDR', model: 'flat', unitAmount: 99000 }],
};
