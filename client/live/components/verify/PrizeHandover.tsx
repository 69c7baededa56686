/**
 * Who holds each prize now, checked here: the holders must follow from the
 * proof's order and the published claim times (shared/domain/prize-handover.ts),
 * as of the moment the server showed them — so a prize handed to an alternate
 * is as verifiable as the draw itself.
 */
import { handoverProblem } from '../../../../shared/domain/prize-handover.ts';
import type { LotteryProof } from '../../../../shared/lottery-proof.ts';
import type { Lottery } from '../../../../shared/perks.ts';
import { useT } from '../../hooks.ts';
import { CheckIcon, CrossIcon } from '../icons.tsx';
import { useFormatInstant } from './format-instant.ts';

export function PrizeHandover({ proof, lottery }: { proof: LotteryProof; lottery: Lottery }) {
  const t = useT();
  const when = useFormatInstant();
  if (!lottery.prizes || lottery.prizes.length === 0) return null;
  const order = proof.algorithm === 'frontrow-lottery-v2' ? proof.order : proof.winners;
  const published = { ...lottery, claimWindowHours: lottery.settings.claimWindowHours };
  const problem = handoverProblem(order, proof.winnerCount, published, lottery.prizesAt ?? Date.now());
  return (
    <section className="card verify__prizes" aria-labelledby="verify-prizes-title" data-testid="verify-prizes" data-ok={String(problem === null)}>
      <h2 id="verify-prizes-title" className="verify__subtitle">
        {t('verify.prizesTitle')}
      </h2>
      <ol className="verify__prize-list">
        {lottery.prizes.map((p) => (
          <li key={p.slot}>
            <bdi>{p.displayName}</bdi> ·{' '}
            {p.rank < proof.winnerCount ? t('verify.prizeWinner') : t('verify.prizeAlternate', { n: p.rank - proof.winnerCount + 1 })} ·{' '}
            {p.status === 'claimed' ? t('verify.prizeClaimed', { time: when(p.claimedAt ?? 0) }) : t('verify.prizePending', { time: when(p.deadline) })}
          </li>
        ))}
      </ol>
      <p className={`mark ${problem ? 'mark--bad' : 'mark--ok'}`}>
        {problem ? <CrossIcon size={14} /> : <CheckIcon size={14} />}
        {problem ? t('verify.prizesBad') : t('verify.prizesOk', { hours: lottery.settings.claimWindowHours })}
      </p>
      {problem && (
        <p className="verify__reason" lang="en">
          {problem}
        </p>
      )}
    </section>
  );
}
