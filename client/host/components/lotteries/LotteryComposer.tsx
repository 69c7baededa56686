import { useActions, useHost, useT } from '../../hooks.ts';
import { toLocalInput } from '../../logic/form-values.ts';
import { BLANK_LOTTERY_FORM, FREE_ENTRY_CLEARS, lotteryBodyFrom, withFreeEntry, type LotteryForm } from '../../logic/lottery-form.ts';
import { selectClockOffset, selectTiers } from '../../store/selectors.ts';
import { FormAlert, Panel, TextField } from '../ui.tsx';
import { useComposer } from '../use-composer.ts';
import { DrawSettingsFields, EntryConditionFields, type EditField } from './LotteryComposerFields.tsx';
import { LotteryRulesPreview } from './LotteryRulesPreview.tsx';


export function LotteryComposer({ streamId }: { streamId: string }) {
  const t = useT();
  const tiers = useHost(selectTiers);
  const { createLottery } = useActions();
  const clockOffset = useHost(selectClockOffset);
  const { form, pending, problem, fields, change, submit: submitWith } = useComposer<LotteryForm>(BLANK_LOTTERY_FORM, 'lottery');

  const edit: EditField =
    (key, ...fieldNames) =>
    (value) => {
      change((f) => ({ ...f, [key]: value }), key, ...fieldNames);
    };

  // The fields free entry clears are no longer the host's to fix.
  const setFreeEntry = (on: boolean) => {
    change((f) => withFreeEntry(f, on), 'freeEntry', ...FREE_ENTRY_CLEARS);
  };

  const submit = submitWith(
    (sent) => createLottery(streamId, lotteryBodyFrom(sent)),
    () => BLANK_LOTTERY_FORM,
  );

  return (
    <Panel title={t('lotteries.composeTitle')} titleId="lottery-compose-title" subtitle={t('lotteries.composeLead')}>
      <form className="form" onSubmit={submit} aria-labelledby="lottery-compose-title" noValidate data-testid="lottery-composer">
        <TextField id="lottery-title" label={t('lotteries.title')} value={form.title} onChange={edit('title')} required problem={fields.title} placeholder={t('lotteries.titlePlaceholder')} />
        <TextField id="lottery-prize" label={t('lotteries.prize')} value={form.prize} onChange={edit('prize')} required problem={fields.prize} placeholder={t('lotteries.prizePlaceholder')} />
        <div className="row-2">
          <TextField id="lottery-winners" label={t('lotteries.winners')} type="number" min={1} max={1000} step={1} value={form.winners} onChange={edit('winners')} required problem={fields.winners} />
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
        <EntryConditionFields form={form} edit={edit} fields={fields} tiers={tiers} onFreeEntry={setFreeEntry} />
        <DrawSettingsFields form={form} edit={edit} fields={fields} tiers={tiers} />
        <LotteryRulesPreview form={form} tiers={tiers} />
        <FormAlert problem={problem} />
        <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="lottery-submit">
          {pending ? t('common.saving') : t('lotteries.open')}
        </button>
      </form>
    </Panel>
  );
}
