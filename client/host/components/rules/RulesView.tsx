import { useEffect, useRef, type FormEvent } from 'react';
import { formatCountdown, formatMoney } from '../../../common/format.ts';
import { say, useActions, useHost, useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import {
  selectBlockedWordsText,
  selectDraftValue,
  selectLocale,
  selectRulesDirty,
  selectRulesDraft,
  selectRulesProblem,
  selectRulesProblems,
  selectRulesStatus,
} from '../../store/selectors.ts';
import { FieldMessages, Panel, TextField } from '../ui.tsx';
import { SECTIONS, ruleInputId, type RuleField, type SuffixUnit } from './rule-fields.ts';
import { TiersTable } from './TiersTable.tsx';
import { blockedWordsFromText } from '../../logic/rules-draft.ts';

function useRuleValue(path: string): string {
  return useHost(selectDraftValue(path));
}

function RuleInput({ field }: { field: RuleField }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const value = useRuleValue(field.path);
  const problem = useHost(selectRulesProblem(field.path));
  const { editRule } = useActions();
  const n = Number(value);
  const hint =
    field.unit === 'seconds' && value !== '' && Number.isFinite(n) && n >= 60
      ? t('rules.hint.duration', { time: formatCountdown(n * 1000) })
      : field.unit === 'cents' && value !== '' && Number.isFinite(n)
        ? t('rules.hint.money', { money: formatMoney(n, 'TWD', locale) })
        : field.hint
          ? t(field.hint)
          : undefined;
  return (
    <TextField
      id={ruleInputId(field.path)}
      label={t(`rules.${field.path}` as HostKey)}
      type="number"
      step={field.path.endsWith('multiplier') ? 'any' : 1}
      min={0}
      value={value}
      onChange={(v) => editRule(field.path, v)}
      problem={problem}
      errorTestId="rules-error"
      field={field.path}
      suffix={field.unit === 'count' ? undefined : t(`unit.${field.unit as SuffixUnit}`)}
      hint={hint}
      placeholder={field.placeholder ? t(field.placeholder) : undefined}
    />
  );
}

function TimezoneInput() {
  const t = useT();
  const value = useRuleValue('timezone');
  const problem = useHost(selectRulesProblem('timezone'));
  const { editRule } = useActions();
  return (
    <TextField
      id={ruleInputId('timezone')}
      label={t('rules.timezone')}
      value={value}
      onChange={(v) => editRule('timezone', v)}
      problem={problem}
      errorTestId="rules-error"
      field="timezone"
      hint={t('rules.timezoneHint')}
    />
  );
}

/** The order attribution's two fields read as the one rule they make (issue 15). */
function AttributionSentence() {
  const t = useT();
  const minutes = useRuleValue('attribution.minWatchMinutes').trim() || '…';
  const hours = useRuleValue('attribution.windowHours').trim() || '…';
  return (
    <p className="field-hint rule-sentence" data-testid="attribution-sentence">
      {t('rules.attribution.sentence', { minutes, hours })}
    </p>
  );
}

/** The blocked words (comment.blockedWords), one per line; a comment containing one is refused. */
function BlockedWordsInput() {
  const t = useT();
  const value = useHost(selectBlockedWordsText);
  const problem = useHost(selectRulesProblem('comment.blockedWords'));
  const { editRule } = useActions();
  const id = ruleInputId('comment.blockedWords');
  return (
    <div className={`field ${problem ? 'has-error' : ''}`}>
      <label htmlFor={id}>{t('rules.comment.blockedWords')}</label>
      <textarea
        id={id}
        rows={5}
        value={value}
        onChange={(e) => editRule('comment.blockedWords', blockedWordsFromText(e.target.value))}
        aria-describedby={problem ? `${id}-error ${id}-hint` : `${id}-hint`}
        data-testid="blocked-words"
      />
      <FieldMessages id={id} label="" hint={t('rules.comment.blockedWordsHint')} problem={problem} errorTestId="rules-error" field="comment.blockedWords" />
    </div>
  );
}

/** Problems at the top, each a link to its input; announced as soon as a save is refused. */
function ProblemSummary() {
  const t = useT();
  const problems = useHost(selectRulesProblems);
  const status = useHost(selectRulesStatus);
  const entries = Object.entries(problems);
  const box = useRef<HTMLDivElement>(null);
  const shown = status === 'error' && entries.length > 0;
  // a refused save brings the host to the list of what to fix
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [shown, problems]);
  return (
    <div role="alert" className="form-alert-slot">
      {shown && (
        <div className="problem-summary" tabIndex={-1} ref={box} data-testid="rules-problems">
          <p>
            <strong>{t('rules.fixFields', { count: entries.length })}</strong>
          </p>
          <ul>
            {entries.map(([path, problem]) => (
              <li key={path}>
                <a
                  href={`#${ruleInputId(path)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(ruleInputId(path))?.focus();
                  }}
                >
                  <code>{path}</code>
                </a>{' '}
                — {say(t, problem)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function RulesView() {
  const t = useT();
  const draft = useHost(selectRulesDraft);
  const status = useHost(selectRulesStatus);
  const dirty = useHost(selectRulesDirty);
  const { loadRules, saveRules, resetRules } = useActions();

  useEffect(() => {
    if (!draft) void loadRules();
  }, [draft, loadRules]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void saveRules();
  };

  return (
    <div className="view">
      <header className="view-head">
        <div className="view-title">
          <h1>{t('rules.heading')}</h1>
          <p className="muted">{t('rules.lead')}</p>
        </div>
      </header>
      {!draft ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <form onSubmit={submit} noValidate aria-label={t('rules.heading')} className="rules-form">
          <ProblemSummary />
          <TiersTable />
          <div className="rules-grid">
            {SECTIONS.map((section) => (
              <Panel
                key={section.id}
                title={t(`rules.section.${section.id}` as HostKey)}
                titleId={`rules-${section.id}-title`}
                subtitle={t(`rules.section.${section.id}Lead` as HostKey)}
                className={`rules-section-${section.id}`}
              >
                <div className="rule-fields">
                  {section.fields.map((f) => (
                    <RuleInput key={f.path} field={f} />
                  ))}
                </div>
                {section.id === 'attribution' && <AttributionSentence />}
              </Panel>
            ))}
            <Panel title={t('rules.section.general')} titleId="rules-general-title" subtitle={t('rules.section.generalLead')}>
              <div className="rule-fields">
                <TimezoneInput />
              </div>
            </Panel>
            <Panel title={t('rules.section.moderation')} titleId="rules-moderation-title" subtitle={t('rules.section.moderationLead')}>
              <BlockedWordsInput />
            </Panel>
          </div>
          <div className="savebar" role="region" aria-label={t('rules.savebar')}>
            <span className="savebar-status" role="status">
              {status === 'saving'
                ? t('common.saving')
                : dirty
                  ? t('rules.unsaved')
                  : status === 'saved'
                    ? t('rules.savedState')
                    : t('rules.upToDate')}
            </span>
            <button type="button" className="btn btn-ghost" onClick={resetRules} disabled={!dirty || status === 'saving'}>
              {t('rules.reset')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={status === 'saving'} data-testid="rules-save">
              {t('rules.save')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
