import type { Lottery } from '../../../../shared/perks.ts';
import { formatCountdown, formatNumber } from '../../../common/format.ts';
import { useActions, useHost, useServerNow, useT } from '../../hooks.ts';
import { proofLinks } from '../../api.ts';
import { formatTime } from '../../logic/time.ts';
import { selectLocale, selectPerkBusy, selectProofOf, selectTiers } from '../../store/selectors.ts';
import { Chip, TierChip } from '../ui.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { CopyButton } from '../CopyButton.tsx';

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
  const tiers = useHost(selectTiers);
  const busy = useHost(selectPerkBusy(lottery.id));
  const { drawLottery, cancelLottery } = useActions();
  const drawn = lottery.status === 'drawn';
  const cancelled = lottery.status === 'cancelled';
  const closed = !drawn && !cancelled && lottery.closesAt !== null && lottery.closesAt <= now;
  const titleId = `lottery-${lottery.id}-title`;
  const tierName = (id: string) => tiers.find((x) => x.id === id)?.name ?? id;

  return (
    <article className={`card lottery-card ${drawn ? 'is-drawn' : ''} ${cancelled ? 'is-cancelled' : ''}`} aria-labelledby={titleId} data-testid="lottery-card" data-lottery-id={lottery.id}>
      <header className="card-head">
        <svg className="ticket" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 7h16v3a2 2 0 0 0 0 4v3H4v-3a2 2 0 0 0 0-4z M14 7v10" />
        </svg>
        <div className="card-title">
          <h3 id={titleId}>{lottery.title}</h3>
          <p className="muted">{t('lotteries.prizeLine', { prize: lottery.prize })}</p>
        </div>
        <Chip tone={drawn || cancelled ? 'ended' : closed ? 'scheduled' : 'open'} pulse={!drawn && !cancelled && !closed}>
          {drawn
            ? t('lotteries.status.drawn')
            : cancelled
              ? t('lotteries.status.cancelled')
              : closed
                ? t('lotteries.status.closed')
                : t('lotteries.status.open')}
        </Chip>
      </header>

      <div className="entries">
        <span className="entries-count" data-testid="lottery-entries">
          {formatNumber(lottery.entries, locale)}
        </span>
        <span className="muted">{t(lottery.entries === 1 ? 'lotteries.entryLabel' : 'lotteries.entriesLabel')}</span>
        {!drawn && !cancelled && lottery.closesAt !== null && (
          <span className="entries-close">
            {closed ? t('lotteries.closedAt', { time: formatTime(lottery.closesAt, locale) }) : t('lotteries.closesIn', { time: formatCountdown(lottery.closesAt - now) })}
          </span>
        )}
      </div>

      <dl className="facts">
        <div>
          <dt>{t('lotteries.winners')}</dt>
          <dd>{formatNumber(lottery.winners, locale)}</dd>
        </div>
        <div>
          <dt>{t('lotteries.minTier')}</dt>
          <dd>{lottery.minTier ? <TierChip tierId={lottery.minTier} name={tierName(lottery.minTier)} /> : t('drops.everyone')}</dd>
        </div>
        <div>
          <dt>{t('lotteries.entryCost')}</dt>
          <dd>{lottery.entryCostPoints > 0 ? t('fans.points', { n: formatNumber(lottery.entryCostPoints, locale) }) : t('lotteries.free')}</dd>
        </div>
        <div>
          <dt>{t('lotteries.watching')}</dt>
          <dd>{lottery.requireWatching ? t('lotteries.watchingYes') : t('lotteries.watchingNo')}</dd>
        </div>
      </dl>

      <p className="commitment small">
        <span className="muted">{t('lotteries.commitment')}</span>{' '}
        <code title={lottery.commitment}>
          {lottery.commitment.slice(0, 12)}…{lottery.commitment.slice(-6)}
        </code>
        <CopyButton text={() => lottery.commitment} label={t('lotteries.copyCommitment')} />
      </p>

      {drawn ? (
        <div className="winners-block">
          <h4 className="subhead">{t('lotteries.winnersTitle')}</h4>
          {lottery.winnerList && lottery.winnerList.length > 0 ? (
            <ol className="winners" data-testid="lottery-winners">
              {lottery.winnerList.map((w, i) => (
                <li key={w.memberId}>
                  <span className={`rank rank-${i + 1}`}>{i + 1}</span>
                  <span className="winner-name"><bdi>{w.displayName}</bdi></span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted" data-testid="lottery-winners">
              {t('lotteries.noEntrants')}
            </p>
          )}
          {lottery.winnerList && lottery.winnerList.length > 0 && <WinnersCsvButton lotteryId={lottery.id} />}
          <ProofStatus lotteryId={lottery.id} />
          {lottery.drawnAt && <p className="small muted">{t('lotteries.drawnAt', { time: formatTime(lottery.drawnAt, locale, true) })}</p>}
        </div>
      ) : cancelled ? (
        <p className="small muted" data-testid="lottery-cancelled">
          {t('lotteries.cancelledNote')}
        </p>
      ) : (
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
      )}
    </article>
  );
}
