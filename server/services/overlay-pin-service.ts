/**
 * The drop a seller pins to a show's overlay: it stays on air while newer
 * drops come and go. The pin is a store record (survives restarts in every
 * mode); pinning announces `dropPinned`, which realtime pushes to the show's
 * overlays at once. Unpinning is idempotent; pinning the pinned drop again
 * changes nothing but the time.
 */
import { ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { DomainEvents } from './domain-events.ts';
import type { DropService } from './drop-service.ts';
import type { StreamService } from './stream-service.ts';

export class OverlayPinService {
  constructor(
    private readonly store: Store,
    private readonly streams: StreamService,
    private readonly drops: DropService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  /**
   * Pins `dropId` (a drop of this show that is not closed) or, with null,
   * unpins. An ended show cannot be pinned to: nothing of it is on air.
   */
  async pin(streamId: string, dropId: string | null): Promise<{ pinnedDropId: string | null }> {
    const stream = await this.streams.get(streamId);
    if (stream.status === 'ended') throw new AppError(ErrorCode.NOT_LIVE, 'the show has ended', 'streamId');
    if (dropId !== null) {
      const drop = await this.drops.get(dropId).catch((err: unknown) => {
        if (err instanceof AppError && err.code === ErrorCode.NOT_FOUND) throw new AppError(ErrorCode.NOT_FOUND, 'drop not found', 'dropId');
        throw err;
      });
      if (drop.streamId !== streamId) throw new AppError(ErrorCode.VALIDATION, 'dropId: the drop belongs to another show', 'dropId');
      if (drop.status === 'closed') throw new AppError(ErrorCode.VALIDATION, 'dropId: the drop is closed', 'dropId');
    }
    await this.store.setPinnedDrop(streamId, dropId, this.clock());
    this.events.emit('dropPinned', { streamId, dropId });
    return { pinnedDropId: dropId };
  }

  async pinnedOf(streamId: string): Promise<{ pinnedDropId: string | null }> {
    await this.streams.get(streamId); // an unknown show answers NOT_FOUND, not "nothing pinned"
    return { pinnedDropId: await this.store.pinnedDropOf(streamId) };
  }
}
