import { useEffect } from 'react';
import { useActions, useHost, useT } from '../../hooks.ts';
import { pageSpan } from '../../logic/member-query.ts';
import { selectMemberPage, selectMemberSelection, selectMembersCsvBusy } from '../../store/insights-selectors.ts';
import { Panel } from '../ui.tsx';
import { MemberFilters } from './MemberFilters.tsx';
import { MemberTable } from './MemberTable.tsx';
import { ReadGate, ReadStamp } from '../ReadGate.tsx';
import { SaveSegmentForm } from './SaveSegmentForm.tsx';

/**
 * The member list (issue 15): pick a segment (built-in or saved), search by
 * name, a tier, an order; a page at a time, each member with their tier,
 * last activity, orders, scores and segments. The CSV holds every member
 * the selection matches; the selection can be saved as a segment.
 */
export function MembersPanel() {
  const t = useT();
  const page = useHost(selectMemberPage);
  const { loadMembers, loadSegments } = useActions();
  useEffect(() => {
    void loadSegments();
    void loadMembers();
  }, [loadSegments, loadMembers]);

  return (
    <Panel
      title={t('insights.part.members')}
      titleId="members-title"
      subtitle={t('members.lead')}
      className="members-panel"
      actions={
        <>
          <ReadStamp read={page} refresh={() => void loadMembers()} />
          <CsvButton />
        </>
      }
    >
      <MemberFilters />
      <ReadGate read={page} retry={() => void loadMembers()}>
        {({ total, members }) => (
          <div data-testid="member-list" data-total={total} aria-busy={page.state === 'loading'}>
            <p className="small muted" role="status" data-testid="members-total">
              {t('members.count', { count: total })}
            </p>
            {members.length === 0 ? <p className="muted">{t('members.empty')}</p> : <MemberTable rows={members} />}
            <Pager total={total} />
          </div>
        )}
      </ReadGate>
      <SaveSegmentForm />
    </Panel>
  );
}

/** Every member the selection matches, as CSV: fetched with the host token, then saved as a file. */
function CsvButton() {
  const t = useT();
  const busy = useHost(selectMembersCsvBusy);
  const { downloadMembersCsv } = useActions();
  return (
    <button type="button" className="btn btn-secondary btn-small" onClick={() => void downloadMembersCsv()} disabled={busy} data-testid="members-csv">
      {busy ? t('members.csvBusy') : t('claims.csv')}
    </button>
  );
}

function Pager({ total }: { total: number }) {
  const t = useT();
  const { page } = useHost(selectMemberSelection);
  const { selectMembers } = useActions();
  const span = pageSpan(page, total);
  if (!span.hasPrevious && !span.hasNext) return null;
  return (
    <nav className="pager" aria-label={t('members.pages')}>
      <button type="button" className="btn btn-ghost btn-small" disabled={!span.hasPrevious} onClick={() => void selectMembers({ page: page - 1 })}>
        {t('members.previous')}
      </button>
      <span className="small muted">{t('members.range', { first: span.first, last: span.last, count: total })}</span>
      <button type="button" className="btn btn-ghost btn-small" disabled={!span.hasNext} onClick={() => void selectMembers({ page: page + 1 })}>
        {t('members.next')}
      </button>
    </nav>
  );
}
