/**
 * A show's report as the host reads it (issue 15): which figures, in which
 * groups, each said for its kind, and its change from the previous show.
 * What each figure means is docs/INSIGHTS.md; the report's shape is
 * shared/insights.ts. Pure, unit-tested.
 */
import type { ShowReport } from '../../../shared/insights.ts';
import { formatMoney, formatNumber } from '../../common/format.ts';
import type { Locale, Translate } from '../../common/i18n.ts';
import type { HostDictionary } from '../i18n.ts';
import { getAtPath } from './rules-draft.ts';

/** Money in the report is cents of the shop's currency. */
export const REPORT_CURRENCY = 'TWD';

/**
 * count: a whole number; minutes: watch time (one decimal); rate: a share
 * 0–1, said as a percentage, its change in percentage points; money: cents.
 */
export type FigureKind = 'count' | 'minutes' | 'rate' | 'money';

/** A figure's path in the report, as `change` names it ('viewers.peak', 'drops.revenueCents'). */
export type FigurePath =
  | 'viewers.total'
  | 'viewers.peak'
  | 'members'
  | 'newMembers'
  | 'conversionRate'
  | 'watchMinutes'
  | 'averageWatchMinutes'
  | 'orders.count'
  | 'orders.revenueCents'
  | 'revenuePerViewerMinute'
  | 'checkins'
  | 'likes'
  | 'comments'
  | 'drops.claims'
  | 'drops.paid'
  | 'drops.revenueCents'
  | 'lotteryEntries';

export interface Figure {
  path: FigurePath;
  kind: FigureKind;
}
export type ReportGroupId = 'headline' | 'interactions' | 'drops' | 'lotteries';

const figure = (path: FigurePath, kind: FigureKind = 'count'): Figure => ({ path, kind });

/** The report's figures in the order the screen shows them. Labels: `report.figure.<path>`, meanings `report.meaning.<path>`. */
export const REPORT_GROUPS: ReadonlyArray<{ id: ReportGroupId; figures: Figure[] }> = [
  {
    id: 'headline',
    figures: [
      figure('viewers.total'),
      figure('viewers.peak'),
      figure('members'),
      figure('newMembers'),
      figure('conversionRate', 'rate'),
      figure('watchMinutes', 'minutes'),
      figure('averageWatchMinutes', 'minutes'),
      figure('orders.count'),
      figure('orders.revenueCents', 'money'),
      figure('revenuePerViewerMinute', 'money'),
    ],
  },
  { id: 'interactions', figures: [figure('checkins'), figure('likes'), figure('comments')] },
  { id: 'drops', figures: [figure('drops.claims'), figure('drops.paid'), figure('drops.revenueCents', 'money')] },
  { id: 'lotteries', figures: [figure('lotteryEntries')] },
];

export const REPORT_FIGURES: readonly Figure[] = REPORT_GROUPS.flatMap((g) => g.figures);

type T = Translate<HostDictionary>;

/** The figure's number in the report; null where the report has none (a rate without a denominator). */
export function figureValue(report: ShowReport, path: FigurePath): number | null {
  const value = getAtPath(report, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** This figure minus the previous show's; null when there is no previous show or it lacks the figure. */
export function figureChange(report: ShowReport, path: FigurePath): number | null {
  const change = report.change?.[path];
  return typeof change === 'number' && Number.isFinite(change) ? change : null;
}

/** What is shown, as a number: minutes to a tenth, rates to a tenth of a percent (point), money to the cent. */
function rounded(kind: FigureKind, value: number): number {
  switch (kind) {
    case 'minutes':
      return Math.round(value * 10) / 10;
    case 'rate':
      return Math.round(value * 1000) / 1000;
    default:
      return Math.round(value);
  }
}

const oneDecimal = (n: number, locale: Locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);

/** A magnitude said for its kind; a rate's change (`asChange`) is in percentage points. */
function say(t: T, kind: FigureKind, value: number, locale: Locale, asChange: boolean): string {
  switch (kind) {
    case 'minutes':
      return t('report.minutes', { n: oneDecimal(value, locale) });
    case 'rate':
      return asChange
        ? t('report.percentagePoints', { n: oneDecimal(value * 100, locale) })
        : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'money':
      return formatMoney(value, REPORT_CURRENCY, locale);
    default:
      return formatNumber(value, locale);
  }
}

/** A figure as its card shows it: "1,234", "12.5 min", "37.5%", "NT$1,200"; "—" where the report has none. */
export function formatFigure(t: T, kind: FigureKind, value: number | null, locale: Locale): string {
  return value === null ? '—' : say(t, kind, rounded(kind, value), locale, false);
}

export interface FigureChange {
  direction: 'up' | 'down' | 'same';
  /** The signed change: "+3", "-NT$450", "+12.5 pp"; "±0" when it rounds to nothing. */
  text: string;
}

/** A figure's change from the previous show, as shown beside it (rates in percentage points). */
export function formatChange(t: T, kind: FigureKind, change: number, locale: Locale): FigureChange {
  const shown = rounded(kind, change);
  if (shown === 0) return { direction: 'same', text: '±0' };
  const magnitude = say(t, kind, Math.abs(shown), locale, true);
  return shown > 0 ? { direction: 'up', text: `+${magnitude}` } : { direction: 'down', text: `-${magnitude}` };
}
