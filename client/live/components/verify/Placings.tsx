/** Who won and who is next in turn, and the raw published values for recomputing by hand. */
import type { LotteryProof } from '../../../../shared/lottery-proof.ts';
import type { Lottery } from '../../../../shared/perks.ts';
import { useT } from '../../hooks.ts';
import { shortHash } from '../../logic/format.ts';

/** Past this many, the alternates are summed up: nobody reads the 200th in turn, and the order is in the proof. */
const ALTERNATES_SHOWN = 20;

/** The winners, then (v2 publishes the whole order) the alternates in turn. */
export function Placings({ proof, lottery }: { proof: LotteryProof; lottery: Lottery | null }) {
  const t = useT();
  const names = new Map((lottery?.winnerList ?? []).map((w) => [w.memberId, w.displayName]));
  const alternates = proof.algorithm === 'frontrow-lottery-v2' ? proof.order.slice(proof.winnerCount) : [];
  return (
    <>
      <section aria-labelledby="verify-winners-title">
        <h2 id="verify-winners-title" className="verify__subtitle verify__subtitle--out">
          {t('verify.winnersTitle', { count: proof.winners.length })}
        </h2>
        <MemberList ids={proof.winners} names={names} testId="verify-winners" />
      </section>
      {alternates.length > 0 && (
        <section className="verify__alternates" aria-labelledby="verify-alternates-title">
          <h2 id="verify-alternates-title" className="verify__subtitle verify__subtitle--out">
            {t('verify.alternatesTitle')}
          </h2>
          <p className="muted small">{t('verify.alternatesText')}</p>
          <MemberList ids={alternates.slice(0, ALTERNATES_SHOWN)} names={names} testId="verify-alternates" />
          {alternates.length > ALTERNATES_SHOWN && (
            <p className="muted small verify__more">{t('verify.moreAlternates', { count: alternates.length - ALTERNATES_SHOWN })}</p>
          )}
        </section>
      )}
    </>
  );
}

function MemberList({ ids, names, testId }: { ids: string[]; names: Map<string, string>; testId: string }) {
  return (
    <ol className="winners__list" data-testid={testId}>
      {ids.map((id, i) => {
        const name = names.get(id);
        return (
          <li key={id}>
            <span className="winners__rank">{i + 1}</span>
            {/* Without a published name the member id is the name; said once. */}
            <span className="winners__name">{name ? <bdi>{name}</bdi> : <code title={id}>{shortHash(id)}</code>}</span>
            {name && (
              <code className="muted" title={id}>
                {shortHash(id)}
              </code>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The raw inputs, folded away: for readers who want to recompute by hand (docs/PROTOCOL.md). */
export function PublishedValues({ proof }: { proof: LotteryProof }) {
  const t = useT();
  const v2 = proof.algorithm === 'frontrow-lottery-v2' ? proof : null;
  return (
    <details className="card entries verify__values">
      <summary>{t('verify.valuesTitle')}</summary>
      <dl className="hashes">
        <dt>{t('verify.commitment')}</dt>
        <dd>
          <code>{proof.commitment}</code>
        </dd>
        <dt>{t('verify.seed')}</dt>
        <dd>
          <code>{proof.seed}</code>
        </dd>
        <dt>{t('verify.entriesHash')}</dt>
        <dd>
          <code>{proof.entriesHash}</code>
        </dd>
        {v2 && (
          <>
            <dt>{t('verify.randomness', { round: v2.beacon.round })}</dt>
            <dd>
              <code>{v2.beacon.randomness}</code>
            </dd>
            <dt>{t('verify.signature')}</dt>
            <dd>
              <code>{v2.beacon.signature}</code>
            </dd>
            <dt>{t('verify.chainKey')}</dt>
            <dd>
              <code>{v2.beacon.chain.publicKey}</code>
            </dd>
          </>
        )}
      </dl>
      <table>
        <caption className="verify__caption">{t('verify.entriesCaption', { count: proof.entries.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('verify.member')}</th>
            <th scope="col">{t('verify.weight')}</th>
          </tr>
        </thead>
        <tbody>
          {proof.entries.map(([id, w]) => (
            <tr key={id}>
              <td>
                <code title={id}>{shortHash(id)}</code>
              </td>
              <td>{w}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
