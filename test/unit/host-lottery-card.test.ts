/**
 * The dashboard's lottery card (rendered to markup with a real store): a
 * frozen v2 lottery says what froze and which drand round it waits for, with
 * nothing left for the host to press; a drawn one lists who holds each prize
 * (winner or alternate) and where its claim stands; the facts show the
 * giveaway's settings. The browser flow is test/e2e/host-giveaway.test.ts.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { browserTimers } from '../../client/common/app-store.ts';
import type { Locale } from '../../client/common/i18n.ts';
import type { hostApi } from '../../client/host/api.ts';
import { LotteryCard } from '../../client/host/components/lotteries/LotteryCard.tsx';
import { StoreProvider } from '../../client/host/hooks.ts';
import { prizeClaimState, prizeRole } from '../../client/host/logic/lottery-prizes.ts';
import { formatDateTime, formatTime } from '../../client/host/logic/time.ts';
import { createStore } from '../../client/host/store/index.ts';
import { DEFAULT_LOTTERY_SETTINGS, type Lottery, type LotteryPrize } from '../../shared/perks.ts';
import { aLottery } from '../support/perk-fixtures.ts';

const HOUR = 3_600_000;

function render(lottery: Lottery, locale: Locale = 'en'): string {
  const storage = { read: <T,>(_key: string, fallback: T) => fallback, write: () => undefined };
  const store = createStore({ ...browserTimers, locale, api: {} as typeof hostApi, storage });
  return renderToStaticMarkup(createElement(StoreProvider, { store }, createElement(LotteryCard, { lottery })));
}
/** The card's text, tags dropped, entities and spacing as a reader sees them. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

const freeze = {
  frozenAt: Date.UTC(2026, 0, 5, 12, 0, 0),
  entriesHash: 'f00dfeed'.repeat(8),
  entryCount: 42,
  round: 1_234_567,
  roundAt: Date.UTC(2026, 0, 5, 12, 0, 6),
  chain: { hash: 'c'.repeat(64), publicKey: 'p'.repeat(192), period: 3, genesisTime: 1_692_803_367, groupHash: 'g'.repeat(64), schemeId: 'bls-unchained-g1-rfc9380', beaconId: 'quicknet' },
};

const prize = (over: Partial<LotteryPrize>): LotteryPrize => ({
  slot: 0,
  memberId: 'm1',
  displayName: 'Gwen',
  rank: 0,
  status: 'pending',
  deadline: Date.now() + 24 * HOUR,
  claimedAt: null,
  ...over,
});

describe('host lottery card', () => {
  it('while drawing: the freeze and the round it waits for, and no draw or cancel button', () => {
    const html = render(aLottery({ status: 'drawing', entries: 42, freeze }));
    const text = textOf(html);
    expect(text).toContain('Drawing…');
    expect(text).toContain(
      `Entries frozen at ${formatTime(freeze.frozenAt, 'en', true)}: 42 entries, hash f00dfeedf00d…. Waiting for drand round 1234567, due at ${formatTime(freeze.roundAt, 'en', true)}.`,
    );
    expect(html).toContain('data-testid="lottery-freeze"');
    expect(html).not.toContain('data-testid="draw-button"');
    expect(html).not.toContain('data-testid="cancel-lottery"');
    expect(textOf(render(aLottery({ status: 'drawing', entries: 42, freeze }), 'zh-TW'))).toContain('開獎中…');
  });

  it('open: the draw and cancel buttons', () => {
    const html = render(aLottery());
    expect(html).toContain('data-testid="draw-button"');
    expect(html).toContain('data-testid="cancel-lottery"');
    expect(html).not.toContain('data-testid="lottery-freeze"');
  });

  it('shows the settings among the facts', () => {
    const settings = { ...DEFAULT_LOTTERY_SETTINGS, odds: 'equal' as const, freeEntry: true, excludeRecentWinners: 2, minAccountAgeDays: 30, claimWindowHours: 24 };
    const text = textOf(render(aLottery({ requireWatching: false, settings })));
    for (const fact of ['Odds Equal odds', 'Entry cost Free, no purchase necessary', 'Past winners Last 2 draws excluded', 'Account age At least 30 days', 'Claim window 24 hours']) {
      expect(text).toContain(fact);
    }
    const defaults = textOf(render(aLottery()));
    for (const fact of ['Odds By tier weight', 'Entry cost Free', 'Past winners Not excluded', 'Account age Any', 'Claim window 48 hours']) expect(defaults).toContain(fact);
    const zh = textOf(render(aLottery({ requireWatching: false, settings }), 'zh-TW'));
    for (const fact of ['機會均等', '免費，無須購買', '排除最近 2 次', '註冊滿 30 天', '24 小時']) expect(zh).toContain(fact);
  });

  it('after the draw: who holds each prize, winner or alternate, claimed or claim by', () => {
    const due = Date.now() + 20 * HOUR;
    const lapsedAt = Date.now() - HOUR;
    const lottery = aLottery({
      status: 'drawn',
      winners: 3,
      entries: 5,
      drawnAt: Date.now() - 2 * HOUR,
      winnerList: [
        { memberId: 'm1', displayName: 'Gwen' },
        { memberId: 'm2', displayName: 'Bo' },
        { memberId: 'm3', displayName: 'Ann' },
      ],
      prizes: [
        prize({ slot: 0, memberId: 'm1', displayName: 'Gwen', rank: 0, status: 'claimed', claimedAt: Date.now() - HOUR }),
        prize({ slot: 1, memberId: 'm4', displayName: 'Cy', rank: 4, deadline: due }),
        prize({ slot: 2, memberId: 'm3', displayName: 'Ann', rank: 2, deadline: lapsedAt }),
      ],
    });
    const html = render(lottery);
    const prizes = textOf(html.slice(html.indexOf('data-testid="lottery-prizes"')));
    expect(prizes).toContain('Prize 1 Gwen winner claimed');
    expect(prizes).toContain(`Prize 2 Cy alternate 2 claim by ${formatDateTime(due, 'en')}`);
    expect(prizes).toContain(`Prize 3 Ann winner not claimed by ${formatDateTime(lapsedAt, 'en')}`);
    // the winners list and its CSV download stay
    expect(html).toContain('data-testid="lottery-winners"');
    expect(html).toContain('data-testid="winners-csv"');
    const zh = textOf(render(lottery, 'zh-TW'));
    expect(zh).toContain('獎品 2 Cy 第 2 候補');
    expect(zh).toContain('已領取');
  });

  it('before the draw, no prizes list', () => {
    expect(render(aLottery())).not.toContain('data-testid="lottery-prizes"');
  });
});

describe('prize holders', () => {
  it('ranks below the winner count are winners; the rest alternates counted from 1', () => {
    expect(prizeRole({ rank: 0 }, 2)).toEqual({ kind: 'winner' });
    expect(prizeRole({ rank: 1 }, 2)).toEqual({ kind: 'winner' });
    expect(prizeRole({ rank: 2 }, 2)).toEqual({ kind: 'alternate', n: 1 });
    expect(prizeRole({ rank: 5 }, 2)).toEqual({ kind: 'alternate', n: 4 });
  });

  it('a pending prize waits until its deadline, then has lapsed; a claimed one stays claimed', () => {
    expect(prizeClaimState({ status: 'pending', deadline: 100 }, 99)).toBe('waiting');
    expect(prizeClaimState({ status: 'pending', deadline: 100 }, 100)).toBe('lapsed');
    expect(prizeClaimState({ status: 'claimed', deadline: 100 }, 500)).toBe('claimed');
  });
});
