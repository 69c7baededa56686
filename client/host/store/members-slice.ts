/**
 * The member list (issue 15, `GET /api/members`, `/api/segments`): the
 * host's selection — segment, search, tier, order, page — the page it
 * reads, the segments to pick from, the CSV of every match, and saving the
 * selection as a custom segment.
 */
import { CreateSegmentBody, type BuiltInSegment, type SavedSegment } from '../../../shared/insights.ts';
import type { MemberPage } from '../api.ts';
import { saveBlob } from '../logic/download.ts';
import { localDay } from '../logic/kpi-range.ts';
import { EVERY_MEMBER, membersCsvName, membersQuery, segmentFilterOf, type MemberSelection } from '../logic/member-query.ts';
import { problemOf } from '../logic/problems.ts';
import { authed, sendParsed } from './call.ts';
import type { Slice } from './index.ts';
import { UNREAD, newestRead, type Read } from './read.ts';
import type { Outcome } from './types.ts';

export interface SegmentList {
  builtIn: BuiltInSegment[];
  saved: SavedSegment[];
}

export interface MembersSlice {
  memberSelection: MemberSelection;
  memberPage: Read<MemberPage>;
  segmentList: Read<SegmentList>;
  membersCsvBusy: boolean;
  /** Changes the selection and reads its page; back to the first page unless the change is the page. */
  selectMembers(change: Partial<MemberSelection>): Promise<void>;
  loadMembers(): Promise<void>;
  loadSegments(): Promise<void>;
  /** Every member the selection matches, as the server's CSV, saved as a file. */
  downloadMembersCsv(): Promise<void>;
  /** Saves the selection as a custom segment called `name`, then shows it. */
  saveSegment(name: string): Promise<Outcome>;
}

export const createMembersSlice: Slice<MembersSlice> = (deps) => (set, get) => {
  const readPage = newestRead<MemberPage>(deps, get, () => get().memberPage, (memberPage) => set({ memberPage }), 'insights:members');
  const readSegments = newestRead<SegmentList>(deps, get, () => get().segmentList, (segmentList) => set({ segmentList }), 'insights:segments');
  const savedSegments = () => get().segmentList.value?.saved ?? [];
  const addSaved = (segment: SavedSegment) =>
    set((s) => {
      const list = s.segmentList.value;
      return list ? { segmentList: { ...s.segmentList, value: { ...list, saved: [...list.saved, segment] } } } : {};
    });
  return {
    memberSelection: EVERY_MEMBER,
    memberPage: UNREAD,
    segmentList: UNREAD,
    membersCsvBusy: false,

    async selectMembers(change) {
      set((s) => ({ memberSelection: { ...s.memberSelection, page: 0, ...change } }));
      await get().loadMembers();
    },
    async loadMembers() {
      const query = membersQuery(get().memberSelection, 'json');
      await readPage((t) => deps.api.listMembers(t, query));
    },
    async loadSegments() {
      await readSegments((t) => deps.api.listSegments(t));
    },

    async downloadMembersCsv() {
      const selection = get().memberSelection;
      set({ membersCsvBusy: true });
      try {
        const csv = await authed(get, (t) => deps.api.membersCsv(t, membersQuery(selection, 'csv')));
        saveBlob(membersCsvName(selection, localDay(deps.now(), get().rules?.timezone)), csv);
      } catch (err) {
        get().notify('error', problemOf(err), 'insights:members-csv');
      } finally {
        set({ membersCsvBusy: false });
      }
    },

    saveSegment(name) {
      const body = { name, filter: segmentFilterOf(get().memberSelection, savedSegments()) };
      return sendParsed(get, CreateSegmentBody, body, (t, parsed) => deps.api.saveSegment(t, parsed), ({ segment }) => {
        addSaved(segment);
        get().notify('success', { key: 'members.segmentSaved', params: { name: segment.name } });
        // Its filter holds the search and tier: the same members, now under its name.
        void get().selectMembers({ segment: segment.id, search: '', tier: '' });
      });
    },
  };
};
