/**
 * A drop's checkout link template: the seller's shop URL with placeholders
 * that each claim fills (server/domain/checkout-link.ts). Shared so the
 * dashboard checks a template as the seller types, with the same rule the
 * server applies at creation.
 */

/** Every placeholder a template may use; any other `{name}` is refused. */
export const CHECKOUT_PLACEHOLDERS = ['ref', 'claimId', 'dropId', 'memberId', 'externalId', 'priceCents', 'currency'] as const;
export type CheckoutPlaceholder = (typeof CHECKOUT_PLACEHOLDERS)[number];

/** Why a template is refused; `placeholder` names the unknown one. */
export type CheckoutTemplateIssue =
  | { kind: 'scheme' }
  | { kind: 'placeholder'; name: string }
  | { kind: 'braces' }
  | { kind: 'url' };

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * The first thing wrong with a template, or null when it is fine. The scheme
 * is checked on the literal text before any placeholder, so no filled value
 * can turn the link into `javascript:` or `data:`.
 */
export function checkoutTemplateIssue(template: string): CheckoutTemplateIssue | null {
  if (!/^https?:\/\//i.test(template)) return { kind: 'scheme' };
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (!(CHECKOUT_PLACEHOLDERS as readonly string[]).includes(m[1]!)) return { kind: 'placeholder', name: m[1]! };
  }
  // Stray braces left once the placeholders are taken out are most likely a typo ({ref).
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) return { kind: 'braces' };
  try {
    const sample = new URL(template.replace(PLACEHOLDER, 'x'));
    if ((sample.protocol !== 'http:' && sample.protocol !== 'https:') || !sample.hostname) return { kind: 'url' };
  } catch {
    return { kind: 'url' };
  }
  return null;
}

/** The issue in words, for the API's error message (the dashboard says it in its own language). */
export function checkoutTemplateProblem(template: string): string | null {
  const issue = checkoutTemplateIssue(template);
  if (!issue) return null;
  switch (issue.kind) {
    case 'scheme':
      return 'must start with http:// or https://';
    case 'placeholder':
      return `unknown placeholder {${issue.name}} (use ${CHECKOUT_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`;
    case 'braces':
      return 'unbalanced { or }';
    case 'url':
      return 'not a valid http(s) URL';
  }
}
