/**
 * The outbound webhooks' delivery log (issue 13), read on demand: what the
 * server sent the shop, when it arrived, what is being retried and why.
 */
import type { WebhookDelivery } from '../logic/webhook-log.ts';
import { problemOf } from '../logic/problems.ts';
import { authed } from './call.ts';
import type { Slice } from './index.ts';

export interface WebhookLog {
  state: 'idle' | 'loading' | 'ready' | 'error';
  /** newest first, as the server answers */
  deliveries: WebhookDelivery[];
  /** when the rows shown were read (ms, device clock) */
  readAt: number | null;
}

export interface WebhooksSlice {
  webhookLog: WebhookLog;
  /** Reads the log again; `quiet`: a background refresh, failures not announced. */
  loadWebhookLog(quiet?: boolean): Promise<void>;
}

export const EMPTY_WEBHOOK_LOG: WebhookLog = { state: 'idle', deliveries: [], readAt: null };

export const createWebhooksSlice: Slice<WebhooksSlice> = (deps) => (set, get) => {
  // Only the newest read lands: a slow answer never replaces a fresher one.
  let generation = 0;
  return {
    webhookLog: EMPTY_WEBHOOK_LOG,
    async loadWebhookLog(quiet = false) {
      const mine = ++generation;
      set((s) => ({ webhookLog: { ...s.webhookLog, state: 'loading' } }));
      try {
        const { deliveries } = await authed(get, (t) => deps.api.listWebhookDeliveries(t));
        if (mine === generation) set({ webhookLog: { state: 'ready', deliveries, readAt: deps.now() } });
      } catch (err) {
        if (mine !== generation) return;
        set((s) => ({ webhookLog: { ...s.webhookLog, state: 'error' } }));
        if (!quiet) get().notify('error', problemOf(err), 'webhooks');
      }
    },
  };
};
