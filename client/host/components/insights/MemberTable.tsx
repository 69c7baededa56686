import type { BuiltInSegment } from '../../../../shared/insights.ts';
import type { MemberRow } from '../../api.ts';
import { useHost, useServerNow, useT } from '../../hooks.ts';
import { shortMemberId } from '../../logic/redemptions.ts';
import { formatFigure } from '../../logic/show-report.ts';
import { formatDateTime, formatRelative } from '../../logic/time.ts';
import { selectLocale, selectTiers } from '../../store/selectors.ts';
import { Chip, TierChip } from '../ui.tsx';

const SEGMENT_TONE: Record<BuiltInSegment, string> = {
  new: 'scheduled',
  active: 'open',
  'at-risk': 'soldout',
  lapsed: 'ended',
  'super-fans': 'live',
  'big-spenders': 'soldout',
  'never-bought': 'ended',
};

/** A page of members: who, tier, last active (relative), orders and spend, scores, segments. */
export function MemberTable({ rows }: { rows: MemberRow[] }) {
  const t = useT();
  const now = useServerNow(60_000);
  return (
    <div className="table-scroll">
      <table className="claim-table member-table">
        <thead>
          <tr>
            <th scope="col">{t('members.col.member')}</th>
            <th scope="col">{t('members.col.tier')}</th>
            <th scope="col">{t('members.col.lastActive')}</th>
            <th scope="col">{t('members.col.orders')}</th>
            <th scope="col">{t('members.col.scores')}</th>
            <th scope="col">{t('members.col.segments')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <MemberLine key={row.memberId} row={row} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MemberLine({ row, now }: { row: MemberRow; now: number }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const tier = useHost(selectTiers).find((x) => x.id === row.tier);
  const { recency, frequency, monetary, engagement } = row.scores;
  return (
    <tr data-testid="member-row" data-member-id={row.memberId}>
      <td>
        <bdi className="member-name">{row.displayName}</bdi>
        <span className="mono small muted member-id" title={row.memberId}>
          {shortMemberId(row.memberId)}
        </span>
      </td>
      <td>
        <TierChip tierId={row.tier} name={tier?.name} />
      </td>
      <td className="small">
        {row.lastActiveAt === null ? (
          <span className="muted">{t('members.neverActive')}</span>
        ) : (
          <time dateTime={new Date(row.lastActiveAt).toISOString()} title={formatDateTime(row.lastActiveAt, locale)}>
            {formatRelative(row.lastActiveAt, now, locale)}
          </time>
        )}
      </td>
      <td className="small">{t('members.orders', { count: row.orders.count, spend: formatFigure(t, 'money', row.orders.totalCents, locale) })}</td>
      <td className="mono small">
        <span aria-hidden="true">{t('members.scoresShort', { r: recency, f: frequency, m: monetary, e: engagement })}</span>
        <span className="sr-only">{t('members.scoresLong', { r: recency, f: frequency, m: monetary, e: engagement })}</span>
      </td>
      <td>
        <div className="member-segments">
          {row.segments.map((s) => (
            <Chip key={s} tone={SEGMENT_TONE[s]}>
              {t(`segment.${s}`)}
            </Chip>
          ))}
        </div>
      </td>
    </tr>
  );
}
