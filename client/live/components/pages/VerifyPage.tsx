import { useEffect, useState } from 'react';
import {
  entriesHashOf,
  fromHex,
  pickWinners,
  sha256Hex,
  sortEntries,
  verifyProof,
  type LotteryProof,
  type VerifyResult,
} from '../../../../shared/lottery-proof.ts';
import type { Lottery } from '../../../../shared/perks.ts';
import { ApiError } from '../../../common/api.ts';
import { api } from '../../api.ts';
import { Header } from '../Header.tsx';
import { CheckIcon, CrossIcon, ShieldCheckIcon } from '../icons.tsx';
import { useT } from '../../hooks.ts';
import { shortHash } from '../../logic/format.ts';

interface Steps {
  seedHash: string | null;
  entriesHash: string;
  winners: string[];
}

type State =
  | { status: 'loading' }
  | { status: 'not-drawn'; lottery: Lottery | null }
  | { status: 'error'; code: string }
  | { status: 'done'; proof: LotteryProof; lottery: Lottery | null; result: VerifyResult; steps: Steps };

/**
 * /verify/:lotteryId — fetches the published proof and recomputes it here, in
 * this browser, with the same code the server drew with (shared/lottery-proof.ts):
 * the seed against the commitment, the entries against their hash, and the
 * winners from both.
 */
export function VerifyPage({ lotteryId }: { lotteryId: string }) {
  const t = useT();
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    document.title = 'Verify · Front Row';
    let cancelled = false;
    void (async () => {
      const lottery = await api.lottery(lotteryId).then((r) => r.lottery, () => null);
      try {
        const { proof } = await api.proof(lotteryId);
        const result = await verifyProof(proof);
        const steps = await recompute(proof);
        if (!cancelled) setState({ status: 'done', proof, lottery, result, steps });
      } catch (err) {
        if (cancelled) return;
        if (err instanceof ApiError && err.code === 'NOT_READY') setState({ status: 'not-drawn', lottery });
        else setState({ status: 'error', code: err instanceof ApiError ? err.code : 'NETWORK' });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [lotteryId]);

  const lottery = state.status === 'done' || state.status === 'not-drawn' ? state.lottery : null;
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
        <Result state={state} />
        {state.status === 'done' && <StepsView proof={state.proof} steps={state.steps} lottery={state.lottery} />}
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

/** Each step on its own, so the page can show where a bad proof breaks. */
async function recompute(proof: LotteryProof): Promise<Steps> {
  let seedHash: string | null = null;
  try {
    seedHash = await sha256Hex(fromHex(proof.seed));
  } catch {
    seedHash = null;
  }
  const sorted = sortEntries(proof.entries);
  const entriesHash = await entriesHashOf(sorted);
  let winners: string[] = [];
  try {
    winners = await pickWinners(proof.seed, sorted, entriesHash, proof.winnerCount);
  } catch {
    winners = [];
  }
  return { seedHash, entriesHash, winners };
}

function Result({ state }: { state: State }) {
  const t = useT();
  let cls = 'verdict';
  let text: string;
  if (state.status === 'loading') text = t('verify.checking');
  else if (state.status === 'not-drawn') text = t('verify.notDrawn');
  else if (state.status === 'error') text = t(state.code === 'NOT_FOUND' ? 'verify.notFound' : 'verify.error');
  else if (state.result.ok) {
    cls += ' verdict--ok';
    text = t('verify.holds');
  } else {
    cls += ' verdict--bad';
    text = t('verify.fails', { reason: state.result.reason });
  }
  return (
    <div className={cls} data-testid="verify-result" role="status" aria-live="polite">
      {state.status === 'done' && (state.result.ok ? <CheckIcon size={22} /> : <CrossIcon size={22} />)}
      <span>{text}</span>
    </div>
  );
}

function Mark({ ok }: { ok: boolean }) {
  const t = useT();
  return (
    <span className={`mark ${ok ? 'mark--ok' : 'mark--bad'}`}>
      {ok ? <CheckIcon size={14} /> : <CrossIcon size={14} />}
      {ok ? t('verify.match') : t('verify.mismatch')}
    </span>
  );
}

function StepsView({ proof, steps, lottery }: { proof: LotteryProof; steps: Steps; lottery: Lottery | null }) {
  const t = useT();
  const names = new Map((lottery?.winnerList ?? []).map((w) => [w.memberId, w.displayName]));
  const winnersMatch = JSON.stringify(steps.winners) === JSON.stringify(proof.winners);
  return (
    <ol className="steps">
      <li className="card step">
        <h2 className="step__title">
          <span className="step__n">1</span> {t('verify.step1')} <Mark ok={steps.seedHash === proof.commitment} />
        </h2>
        <p className="muted small">{t('verify.step1Text')}</p>
        <dl className="hashes">
          <dt>{t('verify.commitment')}</dt>
          <dd>
            <code>{proof.commitment}</code>
          </dd>
          <dt>{t('verify.seed')}</dt>
          <dd>
            <code>{proof.seed}</code>
          </dd>
          <dt>{t('verify.seedHash')}</dt>
          <dd>
            <code>{steps.seedHash ?? '—'}</code>
          </dd>
        </dl>
      </li>
      <li className="card step">
        <h2 className="step__title">
          <span className="step__n">2</span> {t('verify.step2')} <Mark ok={steps.entriesHash === proof.entriesHash} />
        </h2>
        <p className="muted small">{t('verify.step2Text', { count: proof.entries.length })}</p>
        <dl className="hashes">
          <dt>{t('verify.published')}</dt>
          <dd>
            <code>{proof.entriesHash}</code>
          </dd>
          <dt>{t('verify.recomputed')}</dt>
          <dd>
            <code>{steps.entriesHash}</code>
          </dd>
        </dl>
        <details className="entries">
          <summary>{t('verify.showEntries', { count: proof.entries.length })}</summary>
          <table>
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
                    <code>{shortHash(id)}</code>
                  </td>
                  <td>{w}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </li>
      <li className="card step">
        <h2 className="step__title">
          <span className="step__n">3</span> {t('verify.step3')} <Mark ok={winnersMatch} />
        </h2>
        <p className="muted small">{t('verify.step3Text', { count: proof.winnerCount })}</p>
        <ol className="winners__list">
          {steps.winners.map((id, i) => (
            <li key={id} className={proof.winners[i] === id ? '' : 'is-bad'}>
              <span className="winners__rank">{i + 1}</span>
              <span className="winners__name"><bdi>{names.get(id) ?? shortHash(id)}</bdi></span>
              <code className="muted">{shortHash(id)}</code>
            </li>
          ))}
        </ol>
      </li>
    </ol>
  );
}
