/** Custom segments the host saved (issue 15): a name and a filter, kept whole. */
import type { SavedSegment } from '../../shared/insights.ts';

export interface SegmentRecords {
  putSegment(segment: SavedSegment): Promise<void>;
  segmentById(id: string): Promise<SavedSegment | null>;
  /** Oldest first. */
  listSegments(): Promise<SavedSegment[]>;
}
