/** One row per step of the check (shared/lottery-proof.ts checkProof), each said in words. */
import type { Translate } from '../../../common/i18n.ts';
import type { LotteryProof, ProofCheck, ProofStep, ProofStepId } from '../../../../shared/lottery-proof.ts';
import { useT } from '../../hooks.ts';
import type { LiveDictionary } from '../../i18n.ts';
import { shortHash } from '../../logic/format.ts';
import { CheckIcon, CrossIcon } from '../icons.tsx';

type T = Translate<LiveDictionary>;

export function StepList({ proof, check }: { proof: LotteryProof; check: ProofCheck }) {
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
    case 'invites':
      return t('verify.step.invites.ok', { perFriend: proof.invites?.perFriend ?? 0, maxExtra: proof.invites?.maxExtra ?? 0 });
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
