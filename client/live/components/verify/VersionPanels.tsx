/** What a proof's version can promise: v2's "nobody could steer it" with its beacon, or v1's plain warning. */
import type { LotteryProofV2 } from '../../../../shared/lottery-proof.ts';
import { useT } from '../../hooks.ts';
import { shortHash } from '../../logic/format.ts';
import { useFormatInstant } from './format-instant.ts';

export function V2Promise({ proof, holds }: { proof: LotteryProofV2; holds: boolean }) {
  const t = useT();
  const when = useFormatInstant();
  const params = { round: proof.beacon.round, frozenAt: when(proof.frozenAt) };
  return (
    <section className="card verify__version" data-testid="verify-version" data-version="2" aria-labelledby="verify-version-title">
      <h2 id="verify-version-title" className="verify__subtitle">
        {t('verify.v2Title')}
      </h2>
      {/* A proof that fails promises nothing, so its claim is reported, not repeated. */}
      <p>{holds ? t('verify.v2Holds', params) : t('verify.v2Claims', params)}</p>
    </section>
  );
}

export function V1Warning() {
  const t = useT();
  return (
    <section className="banner banner--warn verify__version" data-testid="verify-version" data-version="1" aria-labelledby="verify-version-title">
      <h2 id="verify-version-title" className="verify__subtitle">
        {t('verify.v1Title')}
      </h2>
      <p>{t('verify.v1Warning')}</p>
    </section>
  );
}

export function ChainWarning({ proof }: { proof: LotteryProofV2 }) {
  const t = useT();
  return (
    <div className="banner banner--warn" data-testid="verify-chain-warning" role="note">
      <p>{t('verify.chainWarning', { chain: shortHash(proof.beacon.chain.hash) })}</p>
    </div>
  );
}

export function BeaconFacts({ proof, publicChain, roundEmittedAt }: { proof: LotteryProofV2; publicChain: boolean | undefined; roundEmittedAt: number | undefined }) {
  const t = useT();
  const when = useFormatInstant();
  const { beacon } = proof;
  return (
    <section className="card verify__beacon" aria-labelledby="verify-beacon-title">
      <h2 id="verify-beacon-title" className="verify__subtitle">
        {t('verify.beaconTitle')}
      </h2>
      <dl className="verify__facts">
        <dt>{t('verify.frozenAt')}</dt>
        <dd>{when(proof.frozenAt)}</dd>
        <dt>{t('verify.round')}</dt>
        <dd data-testid="verify-round">{beacon.round}</dd>
        <dt>{t('verify.roundAt')}</dt>
        <dd>{roundEmittedAt === undefined ? '—' : when(roundEmittedAt)}</dd>
        <dt>{t('verify.chain')}</dt>
        <dd>
          <code title={beacon.chain.hash}>{shortHash(beacon.chain.hash)}</code>
          {publicChain !== undefined && <> · {publicChain ? t('verify.chainPublic') : t('verify.chainPrivate')}</>}
        </dd>
        <dt>{t('verify.odds')}</dt>
        <dd>{proof.odds === 'equal' ? t('verify.oddsEqual') : t('verify.oddsTier')}</dd>
      </dl>
    </section>
  );
}
