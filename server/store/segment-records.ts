/**
 * Custom segments the host saved (issue 15): a name and a filter, kept
 * whole; and who was in each when it was last evaluated, so a member moving
 * in or out is told once (segment.changed).
 */
import type { SavedSegment } from '../../shared/insights.ts';

export interface SegmentRecords {
  putSegment(segment: SavedSegment): Promise<void>;
  segmentById(id: string): Promise<SavedSegment | null>;
  /** Oldest first. */
  listSegments(): Promise<SavedSegment[]>;
  /** The members in the segment when it was last evaluated. */
  segmentMemberIds(segmentId: string): Promise<string[]>;
  /**
   * Moves a member in or out, only if they were on the other side: the
   * number of moves so far (1 for the first join) when this call moved them,
   * null when they were already there — so of several evaluations at once,
   * one announces the move.
   */
  moveSegmentMember(segmentId: string, memberId: string, inside: boolean, at: number): Promise<number | null>;
}
