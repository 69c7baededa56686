/**
 * The dashboard's webhook delivery log (client/host/logic/webhook-log.ts and
 * store/webhooks-slice.ts): a delivery and the time now say delivered,
 * retrying (when, and why) or waiting; ids are cut for a cell; the log is
 * read with the host token and a slow read never replaces a newer one.
 */
import { describe, expect, it } from 'vitest';
import { browserTimers } from '../../client/common/app-store.ts';
import { translator } from '../../client/common/i18n.ts';
import type { hostApi } from '../../client/host/api.ts';
import { DICTIONARIES } from '../../client/host/i18n.ts';
import {
  clipped,
  deliveryState,
  deliveryStatusText,
  hasPending,
  logTime,
  shortDeliveryId,
  type WebhookDelivery,
} from '../../client/host/logic/webhook-log.ts';
import { createStore } from '../../client/host/store/index.ts';

const en = translator(DICTIONARIES, 'en');
const zh = translator(DICTIONARIES, 'zh-TW');

// A fixed local noon, so "today" holds in every time zone the tests run in.
const NOW = new Date(2025, 4, 20, 12, 0, 0).getTime();

const delivery = (over: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: 'reward.redeemed:rdm_0123456789abcdef',
  type: 'reward.redeemed',
  body: '{}',
  createdAt: NOW - 10_000,
  attempts: 0,
  nextAttemptAt: NOW - 10_000,
  deliveredAt: null,
  lastError: null,
  ...over,
});

describe('delivery status', () => {
  it('is waiting before the first attempt', () => {
    const d = delivery();
    expect(deliveryState(d, NOW)).toEqual({ state: 'waiting' });
    expect(deliveryStatusText(en, d, NOW, 'en')).toBe('Waiting to be sent');
    expect(deliveryStatusText(zh, d, NOW, 'zh-TW')).toBe('等待傳送');
  });

  it('is delivered at its time once the shop said 2xx, whatever came before', () => {
    const d = delivery({ attempts: 2, lastError: 'HTTP 500', deliveredAt: NOW - 2_000 });
    expect(deliveryState(d, NOW)).toEqual({ state: 'delivered', at: NOW - 2_000 });
    expect(deliveryStatusText(en, d, NOW, 'en')).toBe(`Delivered at ${logTime(NOW - 2_000, NOW, 'en')}`);
    expect(deliveryStatusText(zh, d, NOW, 'zh-TW')).toBe(`已於 ${logTime(NOW - 2_000, NOW, 'zh-TW')} 送達`);
  });

  it('is retrying at the next attempt with the last error, or now once that time has come', () => {
    const d = delivery({ attempts: 1, lastError: 'HTTP 500', nextAttemptAt: NOW + 4_000 });
    expect(deliveryState(d, NOW)).toEqual({ state: 'retrying', at: NOW + 4_000, error: 'HTTP 500', due: false });
    expect(deliveryStatusText(en, d, NOW, 'en')).toBe(`Retrying at ${logTime(NOW + 4_000, NOW, 'en')} — last error: HTTP 500`);
    expect(deliveryStatusText(en, d, NOW + 4_000, 'en')).toBe('Retrying now — last error: HTTP 500');
    expect(deliveryStatusText(en, { ...d, lastError: null }, NOW, 'en')).toContain('last error: unknown');
  });

  it('cuts a long error (the full one is on hover)', () => {
    const long = 'x'.repeat(500);
    expect(clipped(long)).toHaveLength(120);
    expect(clipped(long).endsWith('…')).toBe(true);
    expect(clipped('short')).toBe('short');
    const text = deliveryStatusText(en, delivery({ attempts: 3, lastError: long, nextAttemptAt: NOW + 60_000 }), NOW, 'en');
    expect(text.length).toBeLessThan(200);
  });

  it('shows the clock with seconds today and the date on other days', () => {
    expect(logTime(NOW - 5_000, NOW, 'en')).toMatch(/\d{1,2}:\d{2}:\d{2}/);
    const lastWeek = logTime(NOW - 7 * 86_400_000, NOW, 'en');
    expect(lastWeek).not.toMatch(/:\d{2}:\d{2}/);
    expect(lastWeek).toMatch(/May/);
  });

  it('knows when something is still on its way', () => {
    expect(hasPending([])).toBe(false);
    expect(hasPending([delivery({ deliveredAt: NOW })])).toBe(false);
    expect(hasPending([delivery({ deliveredAt: NOW }), delivery({ id: 'tier.changed:m1:bronze>silver:1000', type: 'tier.changed' })])).toBe(true);
  });
});

describe('delivery ids in a cell', () => {
  it('drops the type prefix (it has its own column) and cuts to 12 characters', () => {
    expect(shortDeliveryId('reward.redeemed:rdm_0123456789abcdef', 'reward.redeemed')).toBe('rdm_01234567…');
    expect(shortDeliveryId('reward.rejected:short', 'reward.rejected')).toBe('short');
    expect(shortDeliveryId('tier.changed:m-1:bronze>silver:1000', 'tier.changed')).toBe('m-1:bronze>s…');
    // an id not starting with its type is cut as it is
    expect(shortDeliveryId('something-else-entirely', 'reward.redeemed')).toBe('something-el…');
    expect(shortDeliveryId('exactly13char', 'x')).toBe('exactly13char');
  });
});

describe('the delivery log in the store', () => {
  function storeWith(api: Partial<typeof hostApi>) {
    const storage = { read: <T,>(key: string, fallback: T) => (key === 'frontrow.host.token' ? ('host-token' as T) : fallback), write: () => undefined };
    return createStore({ ...browserTimers, now: () => NOW, locale: 'en', api: api as typeof hostApi, storage });
  }

  it('reads the log with the host token', async () => {
    const tokens: string[] = [];
    const rows = [delivery({ deliveredAt: NOW })];
    const store = storeWith({
      listWebhookDeliveries: async (token) => {
        tokens.push(token);
        return { deliveries: rows };
      },
    });
    expect(store.getState().webhookLog).toEqual({ state: 'idle', deliveries: [], readAt: null });
    await store.getState().loadWebhookLog();
    expect(tokens).toEqual(['host-token']);
    expect(store.getState().webhookLog).toEqual({ state: 'ready', deliveries: rows, readAt: NOW });
  });

  it('keeps the newest read when an older one answers late', async () => {
    const answers: Array<(rows: WebhookDelivery[]) => void> = [];
    const store = storeWith({
      listWebhookDeliveries: () => new Promise((resolve) => answers.push((deliveries) => resolve({ deliveries }))),
    });
    const first = store.getState().loadWebhookLog();
    const second = store.getState().loadWebhookLog();
    answers[1]!([delivery({ deliveredAt: NOW })]);
    await second;
    answers[0]!([delivery()]);
    await first;
    expect(store.getState().webhookLog.deliveries[0]!.deliveredAt).toBe(NOW);
  });

  it('says when the log cannot be read, keeping what was shown; a quiet refresh does not announce it', async () => {
    let fail = false;
    const rows = [delivery()];
    const store = storeWith({
      listWebhookDeliveries: async () => {
        if (fail) throw new Error('offline');
        return { deliveries: rows };
      },
    });
    await store.getState().loadWebhookLog();
    fail = true;
    await store.getState().loadWebhookLog(true);
    expect(store.getState().webhookLog.state).toBe('error');
    expect(store.getState().webhookLog.deliveries).toEqual(rows);
    expect(store.getState().notices).toEqual([]);
    await store.getState().loadWebhookLog();
    expect(store.getState().notices).toHaveLength(1);
  });
});
