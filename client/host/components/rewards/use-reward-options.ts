/**
 * The options of a select that gives a catalogue reward free (a tier's
 * welcome, a mission stage's reward): `none` first, then the unarchived
 * rewards (logic/reward-choices.ts); a reward chosen before that members can
 * no longer redeem says so once the catalogue is read.
 */
import { useHost, useT } from '../../hooks.ts';
import { rewardChoices } from '../../logic/reward-choices.ts';
import { selectRewards, selectRewardsStatus } from '../../store/rewards-selectors.ts';

export function useRewardOptions(chosen: string, none: string): Array<{ value: string; label: string }> {
  const t = useT();
  const rewards = useHost(selectRewards);
  const loaded = useHost(selectRewardsStatus) === 'ready';
  return [
    { value: '', label: none },
    ...rewardChoices(rewards, chosen).map((choice) => {
      const name = choice.title ?? choice.id;
      return { value: choice.id, label: choice.available || !loaded ? name : t('rewards.notInStore', { name }) };
    }),
  ];
}
