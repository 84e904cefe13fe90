/**
 * What the public checkout routes answer (the browser entry point). Types only:
 * nothing here exists at run time.
 */
import type { CheckoutSessionStatus, LineItem } from '../resources/checkout-sessions';
import type { Id, Money, Timestamp, Currency, Open } from '../resources/shared-types';

/** What a buyer's page may see of a checkout session: the session, its payment methods and branding. */
export interface PublicCheckoutSession {
  session: {
    id: Id;
    amount: Money;
    currency: Currency;
    status: Open<CheckoutSessionStatus>;
    expiresAt: Timestamp;
    successUrl: string;
    cancelUrl: string;
    lineItems: LineItem[];
  };
  /** Enabled method ids. */
  methods: string[];
  catalog: {
    /** Pass as `charge({ method })`. */
    id: string;
    label: string;
    group: Open<'qr' | 'ewallet' | 'va' | 'debit' | 'card' | 'retail' | 'bnpl' | 'paypal' | 'offline'>;
    currency: Currency;
  }[];
  /** Server-supplied strings: escape them before putting them into HTML or CSS. */
  branding: {
    brandName: string | null;
    brandLogoUrl: string | null;
    brandAccentColor: string | null;
    brandTagline: string | null;
  };
  checkoutTemplate?: {
    successMessage?: string;
    showBusinessDetails?: boolean;
    businessPhone?: string | null;
    businessEmail?: string | null;
    businessAddress?: string | null;
  };
  activeAdapters: string[];
}

/** A bank account a buyer can transfer to, for manual bank transfer payments. */
export interface ManualBankAccount {
  bankName: string;
  accountNumber: string;
  accountHolder: string;
}

/** What `charge` returns: send the buyer somewhere, or show them how to pay. */
export type ChargeResult =
  | {
      kind: 'redirect';
      /** Check it is `https:` before navigating. */
      redirectUrl: string;
    }
  | {
      kind: 'instructions';
      instructions: {
        heading: string;
        note: string;
        qrImageUrl?: string;
        amount: Money;
        currency: Currency;
        bankAccounts?: ManualBankAccount[];
      };
    };
