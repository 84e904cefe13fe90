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
export { handleOnce, DEFAULT_DEDUPE_TTL_SEC } from '../webhooks/handle-once';
export type { WebhookDedupeStore, DedupeClaim, HandleOnceResult, HandleOnceOptions } from '../webhooks/handle-once';
export { memoryDedupe, DEFAULT_RETAIN_SEC } from '../webhooks/memory-dedupe';
export type { DedupeStoreOptions } from '../webhooks/memory-dedupe';
export type { WebhookHandlingErrorCode } from '../core/errors';
export { signRequest } from '../core/signing';
export type { SignRequestInput } from '../core/signing';
export type { FetchLike, FetchOptions } from '../core/transport';
export type { Query, QueryValue } from '../core/url';
// Response types, from beside their routes.
export type { PublicCheckoutSession, ManualBankAccount, ChargeResult } from '../public-checkout/types';
export type { AdapterKind, AdapterConfig, ManagedOnboardingState } from '../resources/adapters';
export type { PartnerWorkspace, PartnerUsageSummary } from '../resources/admin';
export type { CheckoutMethod, CheckoutSessionStatus, LineItem, CheckoutSession } from '../resources/checkout-sessions';
export type { CheckoutSettings } from '../resources/checkout-settings';
export type { Customer } from '../resources/customers';
export type { EventData, EventRecord } from '../resources/events';
export type { GiftCardStatus, GiftCard, GiftCardEntry, GiftCardMutation, GiftCardBalance } from '../resources/gift-cards';
export type { InvoiceStatus, InvoiceLine, Invoice } from '../resources/invoices';
export type { LedgerSourceType, LedgerEntry, LedgerBalance } from '../resources/ledger';
export type { PayoutStatus, Payout, PayoutBalance, BankAccount } from '../resources/payouts';
export type { Interval, PriceModel, TaxMode, PortalFeatures, PriceTier, Price, Plan } from '../resources/plans';
export type { PortalSession } from '../resources/portal-sessions';
export type { ReceiptSourceType, ReceiptSummary, ReceiptDocument } from '../resources/receipts';
export type { RefundStatus, RefundReason, Refund } from '../resources/refunds';
export type { PnlReport, CashFlowReport } from '../resources/reports';
export type { Id, Money, Timestamp, Currency, Metadata, Mode, Open, EmailResult } from '../resources/shared-types';
export type { SubscriptionStatus, CollectionMethod, Subscription } from '../resources/subscriptions';
export type { TemplateKind, Template } from '../resources/templates';
export type { UploadedFile } from '../resources/uploads';
export type { WebhookEndpoint, DeliveryStatus, WebhookDeliveryAttempt, WebhookDelivery } from '../resources/webhook-endpoints';
export type { CustomerCreateInput, CustomerUpdateInput, CustomerListParams } from '../resources/customers';
export type { CheckoutSessionCreateInput, CheckoutSessionListParams } from '../resources/checkout-sessions';
export type { EmailInput, EscposParams } from '../resources/schemas';
export type { PlanCreateInput, PlanUpdateInput, PlanListParams, PriceInput, PriceUpdateInput } from '../resources/plans';
export type { InvoiceCreateInput, InvoiceListParams } from '../resources/invoices';
export type {
  SubscriptionCreateInput,
  SubscriptionUpdateInput,
  SubscriptionCancelInput,
  SubscriptionPauseInput,
  SubscriptionListParams,
} from '../resources/subscriptions';
export type { PortalSessionCreateInput } from '../resources/portal-sessions';
export type { ReceiptListParams } from '../resources/receipts';
export type { RefundCreateInput, RefundListParams } from '../resources/refunds';
export type {
  PayoutCreateInput,
  PayoutReferenceInput,
  PayoutFailInput,
  PayoutListParams,
  BankAccountUpdateInput,
} from '../resources/payouts';
export type { LedgerListParams } from '../resources/ledger';
export type { ReportParams, LedgerCsvParams } from '../resources/reports';
export type { WebhookEndpointCreateInput, WebhookEndpointUpdateInput, WebhookDeliveryListParams } from '../resources/webhook-endpoints';
export type { EventListParams, EventReplayInput, EventTriggerInput } from '../resources/events';
export type {
  XenditAdapterInput,
  PaypalAdapterInput,
  MidtransAdapterInput,
  ManualAdapterInput,
  ManagedOnboardingStartInput,
  ManagedOnboardingSimulateInput,
} from '../resources/adapters';
export type {
  GiftCardIssueInput,
  GiftCardRedeemInput,
  GiftCardTopupInput,
  GiftCardVoidInput,
  GiftCardListParams,
} from '../resources/gift-cards';
export type { TemplateListParams, TemplateCreateInput, TemplateUpdateInput, TemplatePreviewInput } from '../resources/templates';
export type { CheckoutSettingsUpdateInput } from '../resources/checkout-settings';
export type { UploadImageInput } from '../resources/uploads';
export type { DashboardMetricsParams } from '../resources/dashboard';
export type { TestClockAdvanceInput } from '../resources/test-clocks';
export type { AdminProvisionInput, PartnerUsageParams } from '../resources/admin';
