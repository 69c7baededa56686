/**
 * A drop's checkout link template: the seller's shop URL with placeholders
 * that each claim fills (server/domain/checkout-link.ts). Shared so the
 * dashboard can check a template as the seller types, with the same rule the
 * server applies at creation.
 */

/** Every placeholder a template may use; any other `{name}` is refused. */
export const CHECKOUT_PLACEHOLDERS = ['ref', 'claimId', 'dropId', 'memberId', 'externalId', 'priceCents', 'currency'] as const;
export type CheckoutPlaceholder = (typeof CHECKOUT_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Why a template is refused, or null when it is fine. The scheme is checked on
 * the literal text before any placeholder, so no filled value can turn the
 * link into `javascript:` or `data:`.
 */
export function checkoutTemplateProblem(template: string): string | null {
  if (!/^https?:\/\//i.test(template)) return 'must start with http:// or https://';
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (!(CHECKOUT_PLACEHOLDERS as readonly string[]).includes(m[1]!)) {
      return `unknown placeholder {${m[1]}} (use ${CHECKOUT_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`;
    }
  }
  // Stray braces left after the placeholders are taken out are most likely a typo ({ref).
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) return 'unbalanced { or }';
  try {
    const sample = new URL(template.replace(PLACEHOLDER, 'x'));
    if (sample.protocol !== 'http:' && sample.protocol !== 'https:') return 'must be an http(s) URL';
    if (!sample.hostname) return 'needs a host';
  } catch {
    return 'not a valid URL';
  }
  return null;
}
