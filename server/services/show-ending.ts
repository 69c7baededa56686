/**
 * Ending a show (issue 11: ended shows kept selling). A show ends only once
 * none of its lotteries is open (each drawn or cancelled: whoever entered
 * knows the outcome), and ending it closes its open drops through
 * DropService.close, so every screen hears of it; reservations already made
 * stay payable until they lapse. From then on claims and entries on the show
 * answer CLOSED (DropService.claim, LotteryService.enter).
 *
 * The drops close before the show's status changes, so a retried end after a
 * crash half-way closes what was left; a show that has ended already answers
 * CONFLICT as before.
 */
import { refused } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { DropService } from './drop-service.ts';
import type { StreamService } from './stream-service.ts';
import type { Stream } from '../../shared/models.ts';

export class ShowEnding {
  constructor(
    private readonly streams: StreamService,
    private readonly drops: DropService,
    private readonly store: Store,
  ) {}

  async end(streamId: string): Promise<Stream> {
    const stream = await this.streams.fresh(streamId);
    // Unknown or ended already: the transition gives the usual answer (NOT_FOUND, CONFLICT).
    if (!stream || stream.status === 'ended') return this.streams.end(streamId);
    const open = (await this.store.lotteriesOfStream(streamId)).filter((l) => l.status === 'open');
    if (open.length > 0) {
      throw refused('stream.lotteriesOpen', 'streamId', { lotteries: open.map(({ id, title }) => ({ id, title })) });
    }
    for (const drop of await this.store.dropsOfStream(streamId)) {
      if (drop.closedAt === null) await this.drops.close(drop.id);
    }
    return this.streams.end(streamId);
  }
}
