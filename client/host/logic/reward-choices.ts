/**
 * The rewards a rule may give free (a tier's welcome reward): the catalogue's
 * unarchived rewards, newest first as listed, plus the one already chosen
 * when it is not among them — archived, or unknown to this catalogue — so the
 * select still shows what the rules say instead of silently showing none. Pure.
 */
import type { RewardView } from '../../../shared/rewards.ts';

export interface RewardChoice {
  id: string;
  /** null: no such reward in the catalogue */
  title: string | null;
  /** false: chosen before, but members cannot redeem it now */
  available: boolean;
}

export function rewardChoices(rewards: readonly RewardView[], chosen: string): RewardChoice[] {
  const choices = rewards.filter((r) => !r.archived).map((r) => ({ id: r.id, title: r.title, available: true }));
  if (chosen === '' || choices.some((c) => c.id === chosen)) return choices;
  const known = rewards.find((r) => r.id === chosen);
  return [...choices, { id: chosen, title: known?.title ?? null, available: false }];
}
