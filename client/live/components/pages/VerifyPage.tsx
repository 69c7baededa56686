import { useEffect, useState } from 'react';
import { checkProof, type LotteryProof, type ProofCheck } from '../../../../shared/lottery-proof.ts';
import type { Lottery, LotteryFreeze } from '../../../../shared/perks.ts';
import { ApiError } from '../../../common/api.ts';
import type { Translate } from '../../../common/i18n.ts';
import { api } from '../../api.ts';
import { Header } from '../Header.tsx';
import { CheckIcon, CrossIcon, ShieldCheckIcon } from '../icons.tsx';
import { useT } from '../../hooks.ts';
import type { LiveDictionary } from '../../i18n.ts';
import { useFormatInstant } from '../verify/format-instant.ts';
import { LotteryRules } from '../LotteryRules.tsx';
import { Placings, PublishedValues } from '../verify/Placings.tsx';
import { PrizeHandover } from '../verify/PrizeHandover.tsx';
import { StepList } from '../verify/ProofSteps.tsx';
import { BeaconFacts, ChainWarning, V1Warning, V2Promise } from '../verify/VersionPanels.tsx';

type T = Translate<LiveDictionary>;

type State =
  | { status: 'loading' }
  | { status: 'not-drawn'; lottery: Lottery | null }
  | { status: 'error'; code: string }
  /** The server sent something that is not a proof at all (checkProof threw on its shape). */
  | { status: 'malformed'; lottery: Lottery | null }
  | { status: 'done'; proof: LotteryProof; lottery: Lottery | null; check: ProofCheck };


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
          <BeaconFacts proof={proof} publicChain={check.publicChain} roundEmittedAt={check.roundEmittedAt} />
        </>
      ) : (
        <V1Warning />
      )}
      <StepList proof={proof} check={check} />
      <Placings proof={proof} lottery={lottery} />
      {lottery && check.ok && <PrizeHandover proof={proof} lottery={lottery} />}
      {lottery && <LotteryRules lottery={lottery} tierName={lottery.minTier} open />}
      <PublishedValues proof={proof} />
    </>
  );
}

