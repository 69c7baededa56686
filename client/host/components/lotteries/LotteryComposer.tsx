import { useState, type FormEvent } from 'react';
import { useActions, useHost, useT } from '../../hooks.ts';
import { fromLocalInput, numberFrom, toLocalInput } from '../../logic/form-values.ts';
import type { FieldProblems, Problem } from '../../logic/problems.ts';
import { selectClockOffset, selectTiers } from '../../store/selectors.ts';
import { CheckboxField, FormAlert, Panel, SelectField, TextField } from '../ui.tsx';

const BLANK = { title: '', prize: '', winners: '1', minTier: '', entryCostPoints: '0', requireWatching: true, closesAt: '' };
type Form = typeof BLANK;

export function LotteryComposer({ streamId }: { streamId: string }) {
  const t = useT();
  const tiers = useHost(selectTiers);
  const { createLottery } = useActions();
  const clockOffset = useHost(selectClockOffset);
  const [form, setForm] = useState<Form>(BLANK);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [fields, setFields] = useState<FieldProblems>({});

  const edit =
    <K extends keyof Form>(key: K) =>
    (value: Form[K]) => {
      setForm((f) => ({ ...f, [key]: value }));
      setFields(({ [key]: _, ...rest }) => rest);
    };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    const outcome = await createLottery(streamId, {
      title: form.title,
      prize: form.prize,
      winners: numberFrom(form.winners) as number,
      minTier: form.minTier || undefined,
      entryCostPoints: numberFrom(form.entryCostPoints),
      requireWatching: form.requireWatching,
      closesAt: fromLocalInput(form.closesAt),
    });
    setPending(false);
    if (outcome.ok) {
      setForm(BLANK);
      setProblem(null);
      setFields({});
    } else {
      setProblem(outcome.problem);
      setFields(outcome.fields);
      const first = Object.keys(outcome.fields)[0];
      if (first) document.getElementById(`lottery-${first}`)?.focus();
    }
  };

  return (
    <Panel title={t('lotteries.composeTitle')} titleId="lottery-compose-title" subtitle={t('lotteries.composeLead')}>
      <form className="form" onSubmit={submit} aria-labelledby="lottery-compose-title" noValidate data-testid="lottery-composer">
        <TextField id="lottery-title" label={t('lotteries.title')} value={form.title} onChange={edit('title')} required problem={fields.title} placeholder={t('lotteries.titlePlaceholder')} />
        <TextField id="lottery-prize" label={t('lotteries.prize')} value={form.prize} onChange={edit('prize')} required problem={fields.prize} placeholder={t('lotteries.prizePlaceholder')} />
        <div className="row-2">
          <TextField id="lottery-winners" label={t('lotteries.winners')} type="number" min={1} max={1000} step={1} value={form.winners} onChange={edit('winners')} required problem={fields.winners} />
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
          />
        </div>
        <div className="row-2">
          <SelectField
            id="lottery-minTier"
            label={t('lotteries.minTier')}
            value={form.minTier}
            onChange={edit('minTier')}
            options={[{ value: '', label: t('drops.everyone') }, ...tiers.map((tier) => ({ value: tier.id, label: tier.name }))]}
            problem={fields.minTier}
            hint={t('lotteries.weightHint', {
              weights: tiers.map((tier) => `${tier.name} ×${tier.lotteryWeight}`).join(' · '),
            })}
          />
          <div>
            <TextField
              id="lottery-closesAt"
              label={t('lotteries.closesAt')}
              type="datetime-local"
              value={form.closesAt}
              onChange={edit('closesAt')}
              problem={fields.closesAt}
              hint={t('lotteries.closesAtHint')}
            />
            <div className="quick" role="group" aria-label={t('lotteries.quickClose')}>
              {[5, 10, 30].map((m) => (
                <button key={m} type="button" className="btn btn-chip" onClick={() => edit('closesAt')(toLocalInput(Date.now() + clockOffset + m * 60_000))}>
                  {t('drops.inMinutes', { n: m })}
                </button>
              ))}
              <button type="button" className="btn btn-chip" onClick={() => edit('closesAt')('')}>
                {t('lotteries.untilDraw')}
              </button>
            </div>
          </div>
        </div>
        <CheckboxField
          id="lottery-requireWatching"
          label={t('lotteries.requireWatching')}
          checked={form.requireWatching}
          onChange={edit('requireWatching')}
          hint={t('lotteries.requireWatchingHint')}
        />
        <FormAlert problem={problem} />
        <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="lottery-submit">
          {pending ? t('common.saving') : t('lotteries.open')}
        </button>
      </form>
    </Panel>
  );
}
