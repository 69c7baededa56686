import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { RewardView } from '../../../../shared/rewards.ts';
import type { CodesAdded } from '../../api.ts';
import { formatNumber } from '../../../common/format.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import type { FieldProblems, Problem } from '../../logic/problems.ts';
import { codesFromCsv, codesFromLines } from '../../logic/reward-codes.ts';
import { selectLocale } from '../../store/selectors.ts';
import { selectRewards } from '../../store/rewards-selectors.ts';
import { FormAlert, Panel, SelectField, TextArea } from '../ui.tsx';

const isPool = (r: RewardView) => r.codeMode === 'pool';

/**
 * Codes for a pool coupon: pasted one per line, or read from a CSV file's
 * first column into the same box (so the host sees what will be sent before
 * sending). What the server did with them is shown after.
 */
export function CodeUpload() {
  const t = useT();
  const pools = useHost(selectRewards).filter(isPool);
  const locale = useHost(selectLocale);
  const { uploadRewardCodes } = useActions();
  const [chosenId, setChosenId] = useState('');
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [fields, setFields] = useState<FieldProblems>({});
  const [result, setResult] = useState<CodesAdded | null>(null);

  // The newest pool reward until the host picks one (the list is newest first).
  const reward = pools.find((r) => r.id === chosenId) ?? pools[0];
  const codes = codesFromLines(text);

  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file may be chosen again after an edit
    if (!file) return;
    setText(codesFromCsv(await file.text()).join('\n'));
    setFields({});
    setResult(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reward) return;
    setPending(true);
    const upload = await uploadRewardCodes(reward.id, codes);
    setPending(false);
    setResult(upload.result);
    if (upload.outcome.ok) {
      setText('');
      setProblem(null);
      setFields({});
    } else {
      setProblem(upload.outcome.problem);
      setFields(upload.outcome.fields);
    }
  };

  return (
    <Panel title={t('codes.title')} titleId="codes-title" subtitle={t('codes.lead')}>
      {!reward ? (
        <p className="muted">{t('codes.noPool')}</p>
      ) : (
        <form className="form" onSubmit={submit} aria-labelledby="codes-title" noValidate data-testid="code-upload">
          <SelectField
            id="codes-reward"
            label={t('codes.reward')}
            value={reward.id}
            onChange={(id) => {
              setChosenId(id);
              setResult(null);
            }}
            options={pools.map((r) => ({ value: r.id, label: r.archived ? `${r.title} (${t('rewards.archived')})` : r.title }))}
          />
          <TextArea
            id="codes-text"
            label={t('codes.paste')}
            value={text}
            onChange={(value) => {
              setText(value);
              setFields({});
            }}
            rows={6}
            problem={fields.codes}
            hint={t('codes.count', { count: codes.length })}
          />
          <div className="field">
            <label htmlFor="codes-file">{t('codes.file')}</label>
            <input id="codes-file" type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => void readFile(e)} data-testid="codes-file" />
            <p className="field-hint">{t('codes.fileHint')}</p>
          </div>
          <FormAlert problem={problem} />
          {result && <CodesResult result={result} />}
          <button type="submit" className="btn btn-primary btn-block" disabled={pending || codes.length === 0} data-testid="codes-submit">
            {pending ? t('codes.uploading') : t('codes.upload', { count: codes.length })}
          </button>
        </form>
      )}
    </Panel>
  );
}

function CodesResult({ result }: { result: CodesAdded }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const n = (count: number) => formatNumber(count, locale);
  return (
    <p className="codes-result" role="status" data-testid="codes-result" data-added={result.added} data-duplicates={result.duplicates} data-unused={result.unused}>
      {t('codes.result', { added: n(result.added), duplicates: n(result.duplicates), unused: n(result.unused) })}
    </p>
  );
}
