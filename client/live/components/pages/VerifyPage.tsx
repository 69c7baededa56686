import { useEffect, useState } from 'react';
import { roundTimeMs } from '../../../../shared/drand-chain.ts';
import { checkProof, type LotteryProof, type LotteryProofV2, type ProofCheck, type ProofStep, type ProofStepId } from '../../../../shared/lottery-proof.ts';
import type { Lottery, LotteryFreeze } from '../../../../shared/perks.ts';
import { ApiError } from '../../../common/api.ts';
import type { Locale, Translate } from '../../../common/i18n.ts';
import { api } from '../../api.ts';
import { Header } from '../Header.tsx';
import { CheckIcon, CrossIcon, ShieldCheckIcon } from '../icons.tsx';
import { useLive, useT } from '../../hooks.ts';
import type { LiveDictionary } from '../../i18n.ts';
import { shortHash } from '../../logic/format.ts';
import { selectLocale } from '../../store/selectors.ts';

type T = Translate<LiveDictionary>;

type State =
  | { status: 'loading' }
  | { status: 'not-drawn'; lottery: Lottery | null }
  | { status: 'error'; code: string }
  /** The server sent something that is not a proof at all (checkProof threw on its shape). */
  | { status: 'malformed'; lottery: Lottery | null }
  | { status: 'done'; proof: LotteryProof; lottery: Lottery | null; check: ProofCheck };

/** Past this many, the alternates are summed up: nobody reads the 200th in turn, and the order is in the proof. */
const ALTERNATES_SHOWN = 20;

/**
 * /verify/:lotteryId — fetches the published proof and checks it here, in
 * this browser, with the same code the server drew with (shared/lottery-proof.ts),
 * then says in words what each step showed and what the version can and
 * cannot promise. checkProof loads the BLS code only for a v2 proof, so this
 * page must not import shared/drand.ts itself: it ships in the room's bundle.
 */
export function VerifyPage({ lotteryId }: { lotteryId: string }) {
  const t = useT();
  const state = useProofCheck(lotteryId);
  const lottery = state.status === 'done' || state.status === 'not-drawn' || state.status === 'malformed' ? state.lottery : null;
  return (
    <>
      <Header />
      <main id="main" className="verify">
        <p className="eyebrow">
          <ShieldCheckIcon size={14} /> {t('verify.eyebrow')}
        </p>
        <h1>{t('verify.title')}</h1>
        {lottery && (
          <p className="verify__lottery">
            <strong>{lottery.title}</strong> · {lottery.prize}
          </p>
        )}
        <Verdict state={state} />
        {state.status === 'done' && <Report proof={state.proof} check={state.check} lottery={state.lottery} />}
        <p className="muted small verify__how">{t('verify.how')}</p>
        {lottery && (
          <a className="btn btn--ghost btn--small" href={`/live/${encodeURIComponent(lottery.streamId)}`}>
            {t('verify.backToShow')}
          </a>
        )}
      </main>
    </>
  );
}

function useProofCheck(lotteryId: string): State {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    document.title = 'Verify · Front Row';
    let cancelled = false;
    const show = (next: State) => {
      if (!cancelled) setState(next);
    };
    void (async () => {
      const lottery = await api.lottery(lotteryId).then((r) => r.lottery, () => null);
      let proof: LotteryProof;
      try {
        proof = (await api.proof(lotteryId)).proof;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'NOT_READY') show({ status: 'not-drawn', lottery });
        else show({ status: 'error', code: err instanceof ApiError ? err.code : 'NETWORK' });
        return;
      }
      if (!renderable(proof)) return show({ status: 'malformed', lottery });
      try {
        show({ status: 'done', proof, lottery, check: await checkProof(proof) });
      } catch {
        show({ status: 'malformed', lottery });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [lotteryId]);
  return state;
}

/**
 * Whether the page can show this proof at all. checkProof stops at the first
 * failing step, so a proof broken early may still hold fields the report reads
 * (the beacon, the order) in any shape; the proof is anyone's input.
 */
function renderable(proof: LotteryProof): boolean {
  const isString = (x: unknown) => typeof x === 'string';
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
  const listOf = (x: unknown, item: (y: unknown) => boolean) => Array.isArray(x) && x.every(item);
  if (!isObject(proof)) return false;
  const common =
    [proof.commitment, proof.seed, proof.entriesHash].every(isString) &&
    listOf(proof.entries, (e) => Array.isArray(e) && isString(e[0]) && Number.isFinite(e[1])) &&
    listOf(proof.winners, isString) &&
    Number.isInteger(proof.winnerCount);
  if (!common || proof.algorithm !== 'frontrow-lottery-v2') return common;
  const beacon: unknown = proof.beacon;
  return (
    Number.isFinite(proof.frozenAt) &&
    listOf(proof.order, isString) &&
    isObject(beacon) &&
    Number.isFinite(beacon.round) &&
    [beacon.randomness, beacon.signature].every(isString) &&
    isObject(beacon.chain) &&
    [beacon.chain.hash, beacon.chain.publicKey].every(isString) &&
    Number.isFinite(beacon.chain.period) &&
    Number.isFinite(beacon.chain.genesisTime)
  );
}

function useFormatInstant(): (ms: number) => string {
  const locale = useLive(selectLocale);
  return (ms) => formatInstant(ms, locale);
}

/** Down to the second, with the zone: drand rounds are seconds apart, and readers compare times across zones. */
function formatInstant(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(ms);
}

function Verdict({ state }: { state: State }) {
  const t = useT();
  const when = useFormatInstant();
  let tone = '';
  let text: string;
  if (state.status === 'loading') text = t('verify.checking');
  else if (state.status === 'not-drawn') text = notDrawnText(t, when, state.lottery?.freeze);
  else if (state.status === 'error') text = t(state.code === 'NOT_FOUND' ? 'verify.notFound' : 'verify.error');
  else if (state.status === 'malformed') {
    tone = 'verdict--bad';
    text = t('verify.malformed');
  } else if (state.check.ok) {
    tone = 'verdict--ok';
    text = state.proof.algorithm === 'frontrow-lottery-v2' ? t('verify.holdsV2', { round: state.proof.beacon.round }) : t('verify.holds');
  } else {
    tone = 'verdict--bad';
    const failedAt = state.check.steps.findIndex((s) => !s.ok);
    const failed = state.check.steps[failedAt];
    text = failed ? t('verify.fails', { n: failedAt + 1, step: t(`verify.step.${failed.id}`) }) : t('verify.malformed');
  }
  const settled = state.status === 'done' || state.status === 'malformed';
  return (
    <div className={`verdict ${tone}`} data-testid="verify-result" role="status" aria-live="polite">
      {settled && (tone === 'verdict--ok' ? <CheckIcon size={22} /> : <CrossIcon size={22} />)}
      <span>{text}</span>
    </div>
  );
}

/** A v2 lottery between its freeze and its round says which round it waits for, and when that round is due. */
function notDrawnText(t: T, when: (ms: number) => string, freeze: LotteryFreeze | null | undefined): string {
  if (!freeze) return t('verify.notDrawn');
  return t('verify.waitingForRound', { frozenAt: when(freeze.frozenAt), round: freeze.round, roundAt: when(freeze.roundAt) });
}

function Report({ proof, check, lottery }: { proof: LotteryProof; check: ProofCheck; lottery: Lottery | null }) {
  return (
    <>
      {proof.algorithm === 'frontrow-lottery-v2' ? (
        <>
          <V2Promise proof={proof} holds={check.ok} />
          {check.publicChain === false && <ChainWarning proof={proof} />}
          <BeaconFacts proof={proof} publicChain={check.publicChain} />
        </>
      ) : (
        <V1Warning />
      )}
      <StepList proof={proof} check={check} />
      <Placings proof={proof} lottery={lottery} />
      <PublishedValues proof={proof} />
    </>
  );
}

function V2Promise({ proof, holds }: { proof: LotteryProofV2; holds: boolean }) {
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

function V1Warning() {
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

function ChainWarning({ proof }: { proof: LotteryProofV2 }) {
  const t = useT();
  return (
    <div className="banner banner--warn" data-testid="verify-chain-warning" role="note">
      <p>{t('verify.chainWarning', { chain: shortHash(proof.beacon.chain.hash) })}</p>
    </div>
  );
}

function BeaconFacts({ proof, publicChain }: { proof: LotteryProofV2; publicChain: boolean | undefined }) {
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
        <dd>{when(roundTimeMs(beacon.chain, beacon.round))}</dd>
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

function StepList({ proof, check }: { proof: LotteryProof; check: ProofCheck }) {
  const t = useT();
  const stopped = !check.ok;
  return (
    <section aria-labelledby="verify-steps-title">
      <h2 id="verify-steps-title" className="verify__subtitle verify__subtitle--out">
        {t('verify.stepsTitle')}
      </h2>
      <ol className="card verify__checks">
        {check.steps.map((step, i) => (
          <StepRow key={step.id} n={i + 1} step={step} proof={proof} />
        ))}
      </ol>
      {stopped && <p className="muted small verify__stopped">{t('verify.stopped')}</p>}
    </section>
  );
}

function StepRow({ n, step, proof }: { n: number; step: ProofStep; proof: LotteryProof }) {
  const t = useT();
  return (
    <li className="verify__check" data-testid={`verify-step-${step.id}`} data-ok={String(step.ok)}>
      <h3 className="step__title">
        <span className="step__n">{n}</span> {t(`verify.step.${step.id}`)} <Mark ok={step.ok} />
      </h3>
      <p className="muted small">{step.ok ? stepHeld(t, step.id, proof) : t(`verify.step.${step.id}.bad`)}</p>
      {/* checkProof's reasons are English only; marked so, and kept because they name the exact mismatch. */}
      {step.reason && (
        <p className="verify__reason" lang="en">
          {step.reason}
        </p>
      )}
    </li>
  );
}

/** What a step that held showed, with the numbers that make it concrete. */
function stepHeld(t: T, id: ProofStepId, proof: LotteryProof): string {
  const v2 = proof.algorithm === 'frontrow-lottery-v2' ? proof : null;
  switch (id) {
    case 'algorithm':
      return t('verify.step.algorithm.ok', { algorithm: proof.algorithm });
    case 'entries':
    case 'entriesHash':
      return t(`verify.step.${id}.ok`, { count: proof.entries.length });
    case 'odds':
      return t(v2?.odds === 'equal' ? 'verify.step.odds.okEqual' : 'verify.step.odds.ok');
    case 'chain':
      return t('verify.step.chain.ok', { chain: shortHash(v2?.beacon.chain.hash ?? '') });
    case 'round':
    case 'signature':
      return t(`verify.step.${id}.ok`, { round: v2?.beacon.round ?? '' });
    case 'order':
      return v2 ? t('verify.step.order.okV2', { round: v2.beacon.round }) : t('verify.step.order.ok');
    default:
      return t(`verify.step.${id}.ok`);
  }
}

function Mark({ ok }: { ok: boolean }) {
  const t = useT();
  return (
    <span className={`mark ${ok ? 'mark--ok' : 'mark--bad'}`}>
      {ok ? <CheckIcon size={14} /> : <CrossIcon size={14} />}
      {ok ? t('verify.stepHolds') : t('verify.stepFails')}
    </span>
  );
}

/** The winners, then (v2 publishes the whole order) the alternates in turn. */
function Placings({ proof, lottery }: { proof: LotteryProof; lottery: Lottery | null }) {
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
function PublishedValues({ proof }: { proof: LotteryProof }) {
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
