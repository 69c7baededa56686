import type { Lottery } from '../../../../shared/perks.ts';
import { formatCountdown, formatNumber } from '../../../common/format.ts';
import { useActions, useHost, useServerNow, useT } from '../../hooks.ts';
import { proofLinks } from '../../api.ts';
import type { HostKey } from '../../i18n.ts';
import { formatTime } from '../../logic/time.ts';
import { selectLocale, selectPerkBusy, selectProofOf } from '../../store/selectors.ts';
import { Chip } from '../ui.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { CopyButton } from '../CopyButton.tsx';
import { LotteryFacts } from './LotteryFacts.tsx';
import { LotteryFreeze } from './LotteryFreeze.tsx';
import { LotteryPrizes } from './LotteryPrizes.tsx';

/** Where a lottery stands for the host: 'closed' is open past its closing time, not yet drawn. */
type Phase = 'open' | 'closed' | 'drawing' | 'drawn' | 'cancelled';

function phaseOf(lottery: Lottery, now: number): Phase {
  if (lottery.status !== 'open') return lottery.status;
  return lottery.closesAt !== null && lottery.closesAt <= now ? 'closed' : 'open';
}

const CHIP: Record<Phase, { tone: string; pulse: boolean; label: HostKey }> = {
  open: { tone: 'open', pulse: true, label: 'lotteries.status.open' },
  closed: { tone: 'scheduled', pulse: false, label: 'lotteries.status.closed' },
  drawing: { tone: 'scheduled', pulse: true, label: 'lotteries.status.drawing' },
  drawn: { tone: 'ended', pulse: false, label: 'lotteries.status.drawn' },
  cancelled: { tone: 'ended', pulse: false, label: 'lotteries.status.cancelled' },
};

function ProofStatus({ lotteryId }: { lotteryId: string }) {
  const t = useT();
  const proof = useHost(selectProofOf(lotteryId));
  const links = proofLinks(lotteryId);
  return (
    <div className="proof">
      <p className={`proof-check proof-${proof?.check.state ?? 'unknown'}`} role="status">
        {proof?.check.state === 'holds'
          ? t('proof.holds')
          : proof?.check.state === 'fails'
            ? t('proof.fails', { reason: proof.check.reason })
            : proof?.check.state === 'checking'
              ? t('proof.checking')
              : t('proof.unknown')}
      </p>
      <p className="proof-links">
        <a href={links.verifyPage} target="_blank" rel="noreferrer" data-testid="proof-link">
          {t('proof.verifyPage')}
        </a>
        <a href={links.rawProof} target="_blank" rel="noreferrer" data-testid="proof-raw-link">
          {t('proof.raw')}
        </a>
        <CopyButton text={() => new URL(links.verifyPage, location.href).href} label={t('proof.copyLink')} />
      </p>
    </div>
  );
}

/** The winners with their shop ids, for shipping the prizes. */
function WinnersCsvButton({ lotteryId }: { lotteryId: string }) {
  const t = useT();
  const { downloadWinnersCsv } = useActions();
  return (
    <button type="button" className="btn btn-ghost btn-small" onClick={() => void downloadWinnersCsv(lotteryId)} data-testid="winners-csv">
      {t('lotteries.winnersCsv')}
    </button>
  );
}

export function LotteryCard({ lottery }: { lottery: Lottery }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const now = useServerNow();
  const phase = phaseOf(lottery, now);
  const chip = CHIP[phase];
  const titleId = `lottery-${lottery.id}-title`;

  return (
    <article className={`card lottery-card is-${phase}`} aria-labelledby={titleId} data-testid="lottery-card" data-lottery-id={lottery.id} data-status={lottery.status}>
      <header className="card-head">
        <svg className="ticket" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 7h16v3a2 2 0 0 0 0 4v3H4v-3a2 2 0 0 0 0-4z M14 7v10" />
        </svg>
        <div className="card-title">
          <h3 id={titleId}>{lottery.title}</h3>
          <p className="muted">{t('lotteries.prizeLine', { prize: lottery.prize })}</p>
        </div>
        <Chip tone={chip.tone} pulse={chip.pulse}>
          {t(chip.label)}
        </Chip>
      </header>

      <div className="entries">
        <span className="entries-count" data-testid="lottery-entries">
          {formatNumber(lottery.entries, locale)}
        </span>
        <span className="muted">{t(lottery.entries === 1 ? 'lotteries.entryLabel' : 'lotteries.entriesLabel')}</span>
        {(phase === 'open' || phase === 'closed') && lottery.closesAt !== null && (
          <span className="entries-close">
            {phase === 'closed' ? t('lotteries.closedAt', { time: formatTime(lottery.closesAt, locale) }) : t('lotteries.closesIn', { time: formatCountdown(lottery.closesAt - now) })}
          </span>
        )}
      </div>

      <LotteryFacts lottery={lottery} />

      <p className="commitment small">
        <span className="muted">{t('lotteries.commitment')}</span>{' '}
        <code title={lottery.commitment}>
          {lottery.commitment.slice(0, 12)}…{lottery.commitment.slice(-6)}
        </code>
        <CopyButton text={() => lottery.commitment} label={t('lotteries.copyCommitment')} />
      </p>

      {phase === 'drawn' ? (
        <DrawnResult lottery={lottery} />
      ) : phase === 'cancelled' ? (
        <p className="small muted" data-testid="lottery-cancelled">
          {t('lotteries.cancelledNote')}
        </p>
      ) : phase === 'drawing' ? (
        // Frozen: the round is named, so neither drawing again nor cancelling is the host's to do.
        lottery.freeze && <LotteryFreeze freeze={lottery.freeze} />
      ) : (
        <DrawOrCancel lottery={lottery} />
      )}
    </article>
  );
}

function DrawnResult({ lottery }: { lottery: Lottery }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const winners = lottery.winnerList ?? [];
  const hasWinners = winners.length > 0;
  return (
    <div className="winners-block">
      <h4 className="subhead">{t('lotteries.winnersTitle')}</h4>
      {hasWinners ? (
        <ol className="winners" data-testid="lottery-winners">
          {winners.map((w, i) => (
            <li key={w.memberId}>
              <span className={`rank rank-${i + 1}`}>{i + 1}</span>
              <span className="winner-name">
                <bdi>{w.displayName}</bdi>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted" data-testid="lottery-winners">
          {t('lotteries.noEntrants')}
        </p>
      )}
      {hasWinners && <WinnersCsvButton lotteryId={lottery.id} />}
      <LotteryPrizes lottery={lottery} />
      <ProofStatus lotteryId={lottery.id} />
      {lottery.drawnAt && <p className="small muted">{t('lotteries.drawnAt', { time: formatTime(lottery.drawnAt, locale, true) })}</p>}
    </div>
  );
}

function DrawOrCancel({ lottery }: { lottery: Lottery }) {
  const t = useT();
  const busy = useHost(selectPerkBusy(lottery.id));
  const { drawLottery, cancelLottery } = useActions();
  return (
    <footer className="card-foot">
      <ConfirmButton
        className="btn btn-primary"
        disabled={busy}
        testId="draw-button"
        title={t('lotteries.drawConfirm.title', { title: lottery.title })}
        message={t('lotteries.drawConfirm.body')}
        confirmLabel={t('lotteries.drawConfirm.confirm')}
        onConfirm={() => void drawLottery(lottery.id)}
      >
        {busy ? t('lotteries.drawing') : t(lottery.winners === 1 ? 'lotteries.drawOne' : 'lotteries.draw', { n: lottery.winners })}
      </ConfirmButton>
      <ConfirmButton
        className="btn btn-danger-ghost"
        disabled={busy}
        testId="cancel-lottery"
        title={t('lotteries.cancelConfirm.title', { title: lottery.title })}
        message={t('lotteries.cancelConfirm.body')}
        confirmLabel={t('lotteries.cancel')}
        cancelLabel={t('lotteries.cancelConfirm.keep')}
        onConfirm={() => void cancelLottery(lottery.id)}
      >
        {t('lotteries.cancel')}
      </ConfirmButton>
      <span className="small muted">{t('lotteries.drawHint')}</span>
    </footer>
  );
}
