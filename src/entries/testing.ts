/**
 * `plugipay-edge/testing`: the local Plugipay emulator and webhook signing for tests, demos and
 * the playground. Web-standard only; the node:http helper is `plugipay-edge/testing/node`.
 */
export { createEmulator } from '../testing/emulator';
export type {
  CompleteCheckoutOptions,
  Emulator,
  EmulatorOptions,
  EmulatorSeed,
  EmulatorState,
  FaultHandle,
  FaultMatch,
  FaultSpec,
  FetchLike,
  HmacVerifier,
  KeyPair,
  ListMetaShape,
  PageAssets,
  RedeliverEventOptions,
  RequestLogEntry,
  SeedItem,
  TriggeredEvent,
  TriggerOptions,
} from '../testing/emulator';
export { signWebhookPayload } from '../testing/sign-webhook';
export type { SignWebhookOptions } from '../testing/sign-webhook';
