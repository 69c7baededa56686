/**
 * Fills a drop's checkout link template for one claim. Pure. Every value is
 * URL-encoded, so a shop customer id such as `a&b=c` stays one value; the
 * template itself was checked at creation (shared/domain/checkout-template.ts).
 */
import type { CheckoutPlaceholder } from '../../shared/domain/checkout-template.ts';

export type CheckoutValues = Record<CheckoutPlaceholder, string | number | null>;

export function fillCheckoutUrl(template: string | null, values: CheckoutValues): string | null {
  if (!template) return null;
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? encodeURIComponent(String(values[name as CheckoutPlaceholder] ?? '')) : whole,
  );
}
