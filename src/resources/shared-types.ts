/**
 * Types several namespaces share: ids, amounts, times, metadata, and the inputs of the receipt
 * routes of checkout sessions, invoices and receipts. Types only: nothing here exists at run
 * time. Each response type lives beside its routes, its enums from the `as const` tuple that
 * also feeds the input check and the emulator; enums in responses are open (an unknown status
 * still parses): `Open<…>`.
 */

/** Opaque id; prefixes disagree between sources, so never parse or validate them. */
export type Id = string;

/** Integer amount in the currency's minor unit, passed through untouched. */
export type Money = number;

/** ISO-8601 UTC, milliseconds optional. */
export type Timestamp = string;

/** An ISO 4217 currency code: `IDR` or `USD` today, any other code the API adds later. */
export type Currency = 'IDR' | 'USD' | (string & {});

/** Your own key-value strings, stored on the object and returned as given. */
export type Metadata = Record<string, string>;

/** Which side of the workspace an object lives in: live money or test data. */
export type Mode = 'live' | 'test';

/** An enum read from a response: the known values, and any other string the server adds later. */
export type Open<T extends string> = T | (string & {});

/** Assumed result of every email route (its shape is not documented). */
export interface EmailResult {
  sent: boolean;
  to: string;
}

/** What the email routes of receipts and invoices take: where to send the document. */
export interface EmailInput {
  /** The address to send to, instead of the customer's address on file; at most 320 characters. */
  to?: string;
}

/** Options of the ESC/POS (receipt printer) renderings. */
export interface EscposParams {
  /** The paper width, in characters per line (a positive integer; the server picks the default). */
  width?: number;
}
