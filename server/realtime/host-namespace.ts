/**
 * Namespace /host: the dashboard's live panel. Every ~2 s each process sends
 * its OWN host sockets (`local`) the stats of every live show, so several
 * processes never double the pushes.
 */
import type { Namespace } from 'socket.io';
import type { ClaimEvent } from '../../shared/events.ts';
import type { Stream } from '../../shared/models.ts';
import { warnUnlessOutage } from '../dependency-state.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/services.ts';
import { authenticate } from './socket-auth.ts';
import type { Redemption } from '../../shared/rewards.ts';
import type { GoalCompletedEvent } from '../../shared/community-goals.ts';

export const HOST_STATS_EVERY_MS = 2000;

export function setupHostNamespace(nsp: Namespace, s: Services, log: Logger) {
  nsp.use(authenticate(s.auth, (p) => p.role === 'host', 'the host token is required'));
  nsp.on('connection', (socket) => {
    socket.onAny((...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack === 'function') ack({ ok: false, error: { code: 'NOT_FOUND', message: 'no such event' } });
    });
  });

  const timer = setInterval(async () => {
    if (nsp.sockets.size === 0) return;
    try {
      for (const stream of await s.streams.list('live')) nsp.local.emit('stats', await s.stats.ofShow(stream));
    } catch (err) {
      warnUnlessOutage(log, err, {}, 'host stats failed');
    }
  }, HOST_STATS_EVERY_MS);
  timer.unref();

  return {
    streamChanged(stream: Stream): void {
      nsp.emit('stream', { stream });
    },
    claimChanged(event: ClaimEvent): void {
      nsp.emit('claim', event);
    },
    redemptionChanged(redemption: Redemption): void {
      nsp.emit('redemption', { redemption });
    },
    goalCompleted(event: GoalCompletedEvent): void {
      nsp.emit('goal:completed', event);
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}
