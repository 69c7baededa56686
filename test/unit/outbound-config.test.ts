/** Outbound webhooks are configured as a pair, and retries back off (issue 13). */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { FIRST_RETRY_MS, MAX_RETRY_MS, nextAttemptAt } from '../../server/domain/webhook-retry.ts';

const SECRET = 'x'.repeat(32);

describe('outbound webhook configuration', () => {
  it('takes a URL and a secret together, and neither alone', () => {
    expect(loadConfig({ OUTBOUND_WEBHOOK_URL: 'https://shop.example/hooks', OUTBOUND_WEBHOOK_SECRET: SECRET }).outboundWebhook).toEqual({ url: 'https://shop.example/hooks', secret: SECRET });
    expect(loadConfig({}).outboundWebhook).toBeNull();
    expect(() => loadConfig({ OUTBOUND_WEBHOOK_URL: 'https://shop.example/hooks' })).toThrow(ConfigError);
    expect(() => loadConfig({ OUTBOUND_WEBHOOK_SECRET: SECRET })).toThrow(/go together/);
    expect(() => loadConfig({ OUTBOUND_WEBHOOK_URL: 'ftp://shop.example', OUTBOUND_WEBHOOK_SECRET: SECRET })).toThrow(/OUTBOUND_WEBHOOK_URL/);
    expect(() => loadConfig({ OUTBOUND_WEBHOOK_URL: 'https://shop.example', OUTBOUND_WEBHOOK_SECRET: 'short' })).toThrow(/OUTBOUND_WEBHOOK_SECRET/);
  });

  it('retries after 1 s, then doubling, never more than 10 minutes apart', () => {
    expect(nextAttemptAt(0, 1)).toBe(FIRST_RETRY_MS);
    expect(nextAttemptAt(0, 2)).toBe(2 * FIRST_RETRY_MS);
    expect(nextAttemptAt(5, 4)).toBe(5 + 8 * FIRST_RETRY_MS);
    expect(nextAttemptAt(0, 40)).toBe(MAX_RETRY_MS);
  });
});
