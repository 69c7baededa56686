/**
 * The composer's two groups of settings: who may enter, and how the winners
 * are drawn (invite entries too) and claim. Each input's id is
 * `lottery-<field>`, the name (or dotted path) the schema and the server use,
 * so a refusal lands on (and focuses) its field.
 */
import type { Tier } from '../../../../shared/rules.ts';
import { useT } from '../../hooks.ts';
import { inviteEntriesShown, type LotteryForm } from '../../logic/lottery-form.ts';
import type { FieldProblems } from '../../logic/problems.ts';
import { CheckboxField, SelectField, TextField } from '../ui.tsx';

/** An input's change: its value into the form, the problems of `key` (and of `fieldNames`, when the server names it otherwise) dropped. */
export type EditField = <K extends keyof LotteryForm>(key: K, ...fieldNames: string[]) => (value: LotteryForm[K]) => void;

interface GroupProps {
  form: LotteryForm;
  edit: EditField;
  fields: FieldProblems;
  tiers: Tier[];
}

export function EntryConditionFields({ form, edit, fields, tiers, onFreeEntry }: GroupProps & { onFreeEntry: (on: boolean) => void }) {
  const t = useT();
  const free = form.freeEntry;
  return (
    <fieldset className="form-group">
      <legend className="subhead">{t('lotteries.whoMayEnter')}</legend>
      <CheckboxField
        id="lottery-freeEntry"
        label={t('lotteries.freeEntry')}
        checked={free}
        onChange={onFreeEntry}
        problem={fields.freeEntry}
        hint={t('lotteries.freeEntryHint')}
      />
      <div className="row-2">
        <TextField
          id="lottery-entryCostPoints"
          label={t('lotteries.entryCost')}
          type="number"
          min={0}
          step={1}
          value={form.entryCostPoints}
          onChange={edit('entryCostPoints')}
          problem={fields.entryCostPoints}
          suffix={t('common.pointsShort')}
          hint={t('lotteries.entryCostHint')}
          disabled={free}
        />
        <SelectField
          id="lottery-minTier"
          label={t('lotteries.minTier')}
          value={form.minTier}
          onChange={edit('minTier')}
          options={[{ value: '', label: t('drops.everyone') }, ...tiers.map((tier) => ({ value: tier.id, label: tier.name }))]}
          problem={fields.minTier}
          disabled={free}
        />
      </div>
      <CheckboxField
        id="lottery-requireWatching"
        label={t('lotteries.requireWatching')}
        checked={form.requireWatching}
        onChange={edit('requireWatching')}
        problem={fields.requireWatching}
        hint={t('lotteries.requireWatchingHint')}
        disabled={free}
      />
      <div className="row-2">
        <TextField
          id="lottery-excludeRecentWinners"
          label={t('lotteries.excludeRecentWinners')}
          type="number"
          min={0}
          max={50}
          step={1}
          value={form.excludeRecentWinners}
          onChange={edit('excludeRecentWinners')}
          problem={fields.excludeRecentWinners}
          hint={t('lotteries.excludeRecentWinnersHint')}
        />
        <TextField
          id="lottery-minAccountAgeDays"
          label={t('lotteries.minAccountAgeDays')}
          type="number"
          min={0}
          max={3650}
          step={1}
          value={form.minAccountAgeDays}
          onChange={edit('minAccountAgeDays')}
          problem={fields.minAccountAgeDays}
          hint={t('lotteries.minAccountAgeDaysHint')}
        />
      </div>
    </fieldset>
  );
}

export function DrawSettingsFields({ form, edit, fields, tiers }: GroupProps) {
  const t = useT();
  return (
    <fieldset className="form-group">
      <legend className="subhead">{t('lotteries.drawAndClaim')}</legend>
      <div className="row-2">
        <SelectField
          id="lottery-odds"
          label={t('lotteries.odds')}
          value={form.odds}
          onChange={(v) => edit('odds')(v === 'equal' ? 'equal' : 'tier')}
          options={[
            { value: 'tier', label: t('lotteries.odds.tier') },
            { value: 'equal', label: t('lotteries.odds.equal') },
          ]}
          problem={fields.odds}
          // The weights matter only when the tiers weigh in.
          hint={
            form.odds === 'tier'
              ? t('lotteries.weightHint', { weights: tiers.map((tier) => `${tier.name} ×${tier.lotteryWeight}`).join(' · ') })
              : t('lotteries.equalOddsHint')
          }
        />
        <TextField
          id="lottery-claimWindowHours"
          label={t('lotteries.claimWindowHours')}
          type="number"
          min={1}
          max={720}
          step={1}
          value={form.claimWindowHours}
          onChange={edit('claimWindowHours')}
          problem={fields.claimWindowHours}
          suffix={t('lotteries.hoursShort')}
          hint={t('lotteries.claimWindowHoursHint')}
        />
      </div>
      <InviteEntriesFields form={form} edit={edit} fields={fields} />
    </fieldset>
  );
}

/** Invite to win (邀請抽獎碼): a box that reveals the entries a friend adds and the most an entrant can gain. */
function InviteEntriesFields({ form, edit, fields }: Omit<GroupProps, 'tiers'>) {
  const t = useT();
  const shown = inviteEntriesShown(form);
  return (
    <>
      <CheckboxField
        id="lottery-inviteEntries"
        label={t('lotteries.invite')}
        checked={form.invite}
        onChange={edit('invite', 'inviteEntries')}
        problem={fields.inviteEntries}
        hint={shown ? t('lotteries.inviteSummary', { count: shown.perFriend, max: shown.maxExtra }) : t('lotteries.inviteHint')}
      />
      {form.invite && (
        <div className="row-2">
          <TextField
            id="lottery-inviteEntries.perFriend"
            label={t('lotteries.invitePerFriend')}
            type="number"
            min={1}
            max={10}
            step={1}
            value={form.invitePerFriend}
            onChange={edit('invitePerFriend', 'inviteEntries.perFriend')}
            required
            problem={fields['inviteEntries.perFriend']}
          />
          <TextField
            id="lottery-inviteEntries.maxExtra"
            label={t('lotteries.inviteMaxExtra')}
            type="number"
            min={1}
            max={100}
            step={1}
            value={form.inviteMaxExtra}
            onChange={edit('inviteMaxExtra', 'inviteEntries.maxExtra')}
            required
            problem={fields['inviteEntries.maxExtra']}
          />
        </div>
      )}
    </>
  );
}
