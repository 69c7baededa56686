/** OverlayPinRecords on MongoDB (collection overlay_pins, `_id` = stream id). Thin: one upsert, one delete, one read. */
import type { MongoModels } from './mongo-models.ts';
import type { OverlayPinRecords } from './overlay-pin-records.ts';

export class MongoOverlayPins implements OverlayPinRecords {
  constructor(private readonly models: () => MongoModels) {}

  async pinnedDropOf(streamId: string): Promise<string | null> {
    const doc = await this.models().overlayPins.findById(streamId).lean<{ dropId: string }>().exec();
    return doc?.dropId ?? null;
  }

  async setPinnedDrop(streamId: string, dropId: string | null, atMs: number): Promise<void> {
    const pins = this.models().overlayPins;
    if (dropId === null) await pins.deleteOne({ _id: streamId }).exec();
    else await pins.updateOne({ _id: streamId }, { $set: { dropId, pinnedAt: atMs } }, { upsert: true }).exec();
  }
}
