/**
 * A v2 lottery between the freeze and its beacon round: what was entered (its
 * hash) is public and the round is named, so the host can tell anyone asking
 * that the outcome is now out of everyone's hands.
 */
import type { LotteryFreeze as Freeze } from '../../../../shared/perks.ts';
import { useHost, useT } from '../../hooks.ts';
import { formatTime } from '../../logic/time.ts';
import { selectLocale } from '../../store/selectors.ts';

export function LotteryFreeze({ freeze }: { freeze: Freeze }) {
  const t = useT();
  const locale = useHost(selectLocale);
  return (
    <p className="freeze small" role="status" title={freeze.entriesHash} data-testid="lottery-freeze">
      {t('lotteries.frozenLine', {
        time: formatTime(freeze.frozenAt, locale, true),
        count: freeze.entryCount,
        hash: `${freeze.entriesHash.slice(0, 12)}…`,
        round: freeze.round,
        due: formatTime(freeze.roundAt, locale, true),
      })}
    </p>
  );
}
