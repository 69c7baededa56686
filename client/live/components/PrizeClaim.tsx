import type { Lottery } from '../../../shared/perks.ts';
import { formatDateTime } from '../logic/format.ts';
import type { LiveKey } from '../i18n.ts';
import { useActions, useLive, useServerNow, useT } from '../hooks.ts';
import { selectLocale, selectMyId, selectPrizeBusy, selectPrizeError } from '../store/selectors.ts';

const ERROR_KEYS: Record<string, LiveKey> = {
  CLOSED: 'lottery.prizeError.CLOSED',
  FORBIDDEN: 'lottery.prizeError.FORBIDDEN',
  TIMEOUT: 'lottery.error.TIMEOUT',
  OFFLINE: 'lottery.error.TIMEOUT',
};

/**
 * This member's prize, if they hold one: a winner, or an alternate it passed
 * to when a winner did not claim in time. Claiming is one tap within the
 * window; after it the prize goes on to the next alternate.
 */
export function PrizeClaim({ lottery }: { lottery: Lottery }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const now = useServerNow();
  const myId = useLive(selectMyId);
  const busy = useLive(selectPrizeBusy(lottery.id));
  const error = useLive(selectPrizeError(lottery.id));
  const { claimPrize } = useActions();
  const mine = myId ? lottery.prizes?.find((p) => p.memberId === myId) : undefined;
  if (!mine) return null;
  const alternate = mine.rank >= lottery.winners;
  if (mine.status === 'claimed') {
    return (
      <p className="claim claim--ok" role="status" data-testid="prize-claimed">
        {t('lottery.prizeClaimed')}
      </p>
    );
  }
  const lapsed = mine.deadline < now;
  return (
    <div className="prize-claim" data-testid="prize-claim">
      {alternate && <p className="small">{t('lottery.passedToYou', { n: mine.rank - lottery.winners + 1 })}</p>}
      <button
        type="button"
        className="btn btn--block btn--accent"
        data-testid="claim-prize-button"
        disabled={busy || lapsed}
        aria-busy={busy}
        onClick={() => void claimPrize(lottery.id)}
      >
        {busy ? t('lottery.claimingPrize') : t('lottery.claimPrize')}
      </button>
      <p className="muted small">{t(lapsed ? 'lottery.prizeLapsed' : 'lottery.claimBy', { time: formatDateTime(mine.deadline, locale) })}</p>
      {error && (
        <p className="claim claim--warn" role="alert">
          {t(ERROR_KEYS[error.code] ?? 'lottery.prizeError.generic', { code: error.code })}
        </p>
      )}
    </div>
  );
}
