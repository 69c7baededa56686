import { useState, type FormEvent } from 'react';
import type { RewardView } from '../../../../shared/rewards.ts';
import { formatNumber } from '../../../common/format.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import type { Problem } from '../../logic/problems.ts';
import { stockPatchFrom, stockShown } from '../../logic/reward-form.ts';
import { selectLocale } from '../../store/selectors.ts';
import { selectRewardBusy, selectRewards, selectRewardsStatus } from '../../store/rewards-selectors.ts';
import { RowActions } from '../RowEditor.tsx';
import { Chip, EmptyState, FieldMessages, Panel } from '../ui.tsx';
import { useEditorToggle } from '../use-row-editor.ts';
import { RewardEditor, rewardEditorId } from './RewardEditor.tsx';

/** The catalogue, archived rewards too (members do not see those): what is left, a quick stock edit, edit in full, archive or restore. */
export function RewardList() {
  const t = useT();
  const rewards = useHost(selectRewards);
  const status = useHost(selectRewardsStatus);
  return (
    <Panel
      title={
        <>
          {t('rewards.listTitle')} <span className="count">{rewards.length}</span>
        </>
      }
      titleId="reward-list-title"
    >
      {status !== 'ready' && rewards.length === 0 ? (
        <p className="muted" role="status">
          {status === 'error' ? t('rewards.loadFailed') : t('common.loading')}
        </p>
      ) : rewards.length === 0 ? (
        <EmptyState title={t('rewards.emptyTitle')}>{t('rewards.emptyBody')}</EmptyState>
      ) : (
        <ul className="reward-list">
          {rewards.map((reward) => (
            <RewardRow key={reward.id} reward={reward} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function RewardRow({ reward }: { reward: RewardView }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const busy = useHost(selectRewardBusy(reward.id));
  const { patchReward } = useActions();
  const editor = useEditorToggle();
  return (
    <li className={`reward-row ${reward.archived ? 'is-archived' : ''}`} data-testid="reward-row" data-reward-id={reward.id} data-kind={reward.kind}>
      <div className="reward-row-main">
        <p className="reward-title">
          <bdi>{reward.title}</bdi>
        </p>
        <p className="small muted">
          <Chip tone="scheduled">{t(`rewards.kind.${reward.kind}` as HostKey)}</Chip>{' '}
          {reward.archived && <Chip tone="ended">{t('rewards.archived')}</Chip>}{' '}
          {reward.overlayAlert && (
            <span title={t('rewards.overlayAlert')} data-testid="reward-alert-marker">
              <Chip tone="open">{t('rewards.announces')}</Chip>
            </span>
          )}{' '}
          {t('rewards.priceShort', { points: formatNumber(reward.pricePoints, locale) })}
          {reward.codeMode && ` · ${t(`rewards.codeMode.${reward.codeMode}` as HostKey)}`}
        </p>
        <p className="reward-left" data-testid="reward-left">
          {reward.left === null ? t('rewards.leftUnlimited') : t('rewards.left', { n: formatNumber(reward.left, locale) })}
        </p>
      </div>
      <div className="reward-row-actions">
        <StockEdit reward={reward} />
        <RowActions
          toggle={editor}
          editorId={rewardEditorId(reward.id)}
          archived={reward.archived}
          busy={busy}
          onArchive={(archived) => void patchReward(reward.id, { archived })}
          labels={{ edit: t('rewards.edit'), archive: t('rewards.archive'), unarchive: t('rewards.restore') }}
          testIds={{ edit: 'reward-edit', archive: 'reward-archive', unarchive: 'reward-restore' }}
        />
      </div>
      {editor.editing && <RewardEditor reward={reward} onClose={editor.close} />}
    </li>
  );
}

/**
 * Units left from now on; blank is unlimited. Until the host types, the input
 * follows the reward as the server last said (redemptions lower it), so a
 * stale number is never saved back by accident.
 */
function StockEdit({ reward }: { reward: RewardView }) {
  const t = useT();
  const busy = useHost(selectRewardBusy(reward.id));
  const { patchReward } = useActions();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const id = `reward-stock-${reward.id}`;
  const value = draft ?? stockShown(reward);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const outcome = await patchReward(reward.id, stockPatchFrom(value));
    if (outcome.ok) setDraft(null);
    setProblem(outcome.ok ? undefined : (outcome.fields.stock ?? outcome.problem));
  };

  return (
    <form className={`stock-edit ${problem ? 'has-error' : ''}`} onSubmit={save} noValidate>
      <label htmlFor={id} className="sr-only">
        {t('rewards.stockEdit', { title: reward.title })}
      </label>
      <input
        id={id}
        type="number"
        min={0}
        step={1}
        value={value}
        placeholder={t('rewards.unlimited')}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(undefined);
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        data-testid="reward-stock-input"
      />
      <button type="submit" className="btn btn-secondary btn-small" disabled={busy || draft === null} data-testid="reward-stock-save">
        {t('rewards.setStock')}
      </button>
      <FieldMessages id={id} label="" problem={problem} />
    </form>
  );
}
