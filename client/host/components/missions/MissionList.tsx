import type { MissionStage, MissionView } from '../../../../shared/missions.ts';
import { formatNumber } from '../../../common/format.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import { goalText, periodText, targetWords } from '../../logic/mission-words.ts';
import { selectMissionBusy, selectMissions, selectMissionsStatus } from '../../store/missions-selectors.ts';
import { selectRewards } from '../../store/rewards-selectors.ts';
import { selectLocale, selectTiers } from '../../store/selectors.ts';
import { RowActions } from '../RowEditor.tsx';
import { Chip, EmptyState, Panel } from '../ui.tsx';
import { useEditorToggle } from '../use-row-editor.ts';
import { MissionEditor, missionEditorId } from './MissionEditor.tsx';

/** Every mission, archived ones too (members do not see those): what counts, when it starts again, each stage and how many reached it; edit, archive or unarchive. */
export function MissionList() {
  const t = useT();
  const missions = useHost(selectMissions);
  const status = useHost(selectMissionsStatus);
  return (
    <Panel
      title={
        <>
          {t('missions.listTitle')} <span className="count">{missions.length}</span>
        </>
      }
      titleId="mission-list-title"
      subtitle={t('missions.listLead')}
    >
      {status !== 'ready' && missions.length === 0 ? (
        <p className="muted" role="status">
          {status === 'error' ? t('missions.loadFailed') : t('common.loading')}
        </p>
      ) : missions.length === 0 ? (
        <EmptyState title={t('missions.emptyTitle')}>{t('missions.emptyBody')}</EmptyState>
      ) : (
        <ul className="reward-list">
          {missions.map((mission) => (
            <MissionRow key={mission.id} mission={mission} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function MissionRow({ mission }: { mission: MissionView }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const tier = useHost(selectTiers).find((x) => x.id === mission.minTier);
  const busy = useHost(selectMissionBusy(mission.id));
  const { patchMission } = useActions();
  const editor = useEditorToggle();
  return (
    <li className={`reward-row ${mission.archived ? 'is-archived' : ''}`} data-testid="mission-row" data-mission-id={mission.id} data-archived={mission.archived}>
      <div className="reward-row-main">
        <p className="reward-title">
          <bdi>{mission.title}</bdi>
        </p>
        <p className="small muted">
          {mission.archived && <Chip tone="ended">{t('missions.archived')}</Chip>}{' '}
          {mission.minTier && <Chip tone="scheduled">{t('missions.tierAndUp', { tier: tier?.name ?? mission.minTier })}</Chip>}{' '}
          <span data-testid="mission-goal">{goalText(t, mission.goal)}</span> · <span data-testid="mission-period">{periodText(t, mission.period, locale)}</span>
        </p>
        <ol className="mission-stage-list">
          {mission.stages.map((stage, i) => (
            <StageLine key={i} mission={mission} stage={stage} index={i} />
          ))}
        </ol>
      </div>
      <div className="reward-row-actions">
        <RowActions
          toggle={editor}
          editorId={missionEditorId(mission.id)}
          archived={mission.archived}
          busy={busy}
          onArchive={(archived) => void patchMission(mission.id, { archived })}
          labels={{ edit: t('missions.edit'), archive: t('missions.archive'), unarchive: t('missions.unarchive') }}
          testIds={{ edit: 'mission-edit', archive: 'mission-archive', unarchive: 'mission-unarchive' }}
        />
      </div>
      {editor.editing && <MissionEditor mission={mission} onClose={editor.close} />}
    </li>
  );
}

/** "Stage 2 · 2 orders → 10 pts + Tea towel + “Regular” badge · 3 members reached" */
function StageLine({ mission, stage, index }: { mission: MissionView; stage: MissionStage; index: number }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const reward = useHost(selectRewards).find((r) => r.id === stage.reward.rewardId);
  const reached = mission.completions?.[index] ?? 0;
  const pays = [
    stage.reward.points > 0 ? t('missions.pays.points', { points: formatNumber(stage.reward.points, locale) }) : null,
    stage.reward.rewardId ? (reward?.title ?? stage.reward.rewardId) : null,
    stage.reward.badge ? t('missions.pays.badge', { badge: stage.reward.badge }) : null,
  ].filter(Boolean);
  return (
    <li className="mission-stage-line" data-testid="mission-stage" data-stage={index + 1} data-completions={reached}>
      <span className="mission-stage-n">{t('missions.stage', { n: index + 1 })}</span>
      <span>
        {targetWords(t, mission.goal, stage.target, locale)} → <bdi>{pays.join(' + ')}</bdi>
      </span>
      <span className="mission-reached" data-testid="mission-reached">
        {t('missions.reached', { count: reached })}
      </span>
    </li>
  );
}
