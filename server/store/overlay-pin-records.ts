/**
 * The drop a seller pinned to a show's overlay: one small record per show,
 * in the store (SQLite in embedded and Redis modes, MongoDB in services
 * mode), so a pin survives a restart whichever engine runs.
 */
export interface OverlayPinRecords {
  /** The pinned drop's id, or null when the show has none pinned. */
  pinnedDropOf(streamId: string): Promise<string | null>;
  /**
   * Atomic, last write wins: pins `dropId` for the show (replacing any pin),
   * or with null removes the pin. Idempotent.
   */
  setPinnedDrop(streamId: string, dropId: string | null, atMs: number): Promise<void>;
}
