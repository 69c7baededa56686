/**
 * A drop's form, as typed, to the create-drop body (POST
 * /api/streams/:id/drops) — the drop composer's, and a community goal's
 * flash-drop draft, made into a drop when the goal is reached. Prices are
 * typed in the currency ("1,200.50") and sent in cents; numbers stay text
 * until submit; blank optional fields are left out (the server's defaults
 * apply) and junk becomes NaN so the shared schema names the field. Pure.
 */
import type { DropInput } from '../api.ts';
import { centsFrom, fromLocalInput, numberFrom, textFrom } from './form-values.ts';

/** The currencies the composer offers (the shop's own first). */
export const CURRENCIES = ['TWD', 'USD', 'HKD', 'JPY', 'SGD', 'MYR', 'EUR'];

export interface DropForm {
  title: string;
  description: string;
  imageUrl: string;
  /** in the currency, e.g. "1200" */
  price: string;
  /** '' = no member price */
  memberPrice: string;
  currency: string;
  stock: string;
  perMemberLimit: string;
  /** `<input type="datetime-local">` value; '' = now (a goal's drop: when the goal is reached) */
  opensAt: string;
  /** '' = every tier */
  minTier: string;
  reservationSeconds: string;
  checkoutUrl: string;
  paymentInstructions: string;
}

export const BLANK_DROP_FORM: DropForm = {
  title: '',
  description: '',
  imageUrl: '',
  price: '',
  memberPrice: '',
  currency: 'TWD',
  stock: '10',
  perMemberLimit: '1',
  opensAt: '',
  minTier: '',
  reservationSeconds: '600',
  checkoutUrl: '',
  paymentInstructions: '',
};

export function dropBodyFrom(form: DropForm): DropInput {
  return {
    title: form.title,
    description: textFrom(form.description),
    imageUrl: textFrom(form.imageUrl),
    priceCents: centsFrom(form.price) as number,
    memberPriceCents: centsFrom(form.memberPrice),
    currency: form.currency,
    stock: numberFrom(form.stock) as number,
    perMemberLimit: numberFrom(form.perMemberLimit),
    opensAt: fromLocalInput(form.opensAt),
    minTier: form.minTier || undefined,
    reservationSeconds: numberFrom(form.reservationSeconds),
    checkoutUrl: textFrom(form.checkoutUrl),
    paymentInstructions: textFrom(form.paymentInstructions),
  };
}

/** The next blank form after a drop was sent: the shop's link, how to pay and the currency rarely change between drops, so they stay. */
export function nextDropForm(sent: DropForm): DropForm {
  return { ...BLANK_DROP_FORM, currency: sent.currency, checkoutUrl: sent.checkoutUrl, paymentInstructions: sent.paymentInstructions };
}
