import { useEffect } from 'react';
import { say, useActions, useHost, useT } from '../../hooks.ts';
import { useRewardOptions } from '../rewards/use-reward-options.ts';
import { FieldMessages, Panel } from '../ui.tsx';
import { OPTIONAL_TIER_COLUMNS, TIER_COLUMNS, ruleInputId } from './rule-fields.ts';
import { selectDraftTiers, selectRulesProblems } from '../../store/selectors.ts';

/** The note under the table on what a tier's welcome (points, reward) is, which their inputs point to. */
const WELCOME_HINT_ID = 'rules-tiers-welcome-hint';

/** The tiers, one row each: every cell labelled for screen readers, its error right under it. */
export function TiersTable() {
  const t = useT();
  const tiers = useHost(selectDraftTiers);
  const problems = useHost(selectRulesProblems);
  const { editRule, addTier, removeTier, loadRewards } = useActions();
  const listProblem = problems.tiers;
  // the welcome reward is picked from the catalogue as it is now
  useEffect(() => {
    void loadRewards();
  }, [loadRewards]);
  return (
    <Panel
      title={t('rules.section.tiers')}
      titleId="rules-tiers-title"
      subtitle={t('rules.section.tiersLead')}
      className="panel-wide"
      actions={
        <button type="button" className="btn btn-secondary btn-small" onClick={addTier} disabled={tiers.length >= 20}>
          {t('rules.addTier')}
        </button>
      }
    >
      {listProblem && (
        <div id={ruleInputId('tiers')} tabIndex={-1}>
          <FieldMessages id={ruleInputId('tiers')} label="" problem={listProblem} errorTestId="rules-error" field="tiers" />
        </div>
      )}
      <div className="table-scroll">
        <table className="tiers-table">
          <caption className="sr-only">{t('rules.section.tiers')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              {TIER_COLUMNS.map((c) => (
                <th scope="col" key={c}>
                  {t(`rules.tier.${c}`)}
                </th>
              ))}
              <th scope="col">
                <span className="sr-only">{t('rules.tier.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tiers.map((tier, i) => (
              <tr key={i}>
                <th scope="row" className="tier-rank">
                  {i + 1}
                </th>
                {TIER_COLUMNS.map((c) => {
                  const path = `tiers.${i}.${c}`;
                  const id = ruleInputId(path);
                  const problem = problems[path];
                  const numeric = c !== 'name' && c !== 'id';
                  const optional = OPTIONAL_TIER_COLUMNS.has(c);
                  const control = {
                    id,
                    value: tier[c] ?? '',
                    'aria-invalid': problem ? true : undefined,
                    'aria-describedby': [problem ? `${id}-error` : null, optional ? WELCOME_HINT_ID : null].filter(Boolean).join(' ') || undefined,
                    className: `cell-${c}`,
                  };
                  return (
                    <td key={c} className={problem ? 'has-error' : undefined}>
                      <label htmlFor={id} className="sr-only">
                        {t('rules.tier.cellLabel', { n: i + 1, name: tier.name || tier.id, column: t(`rules.tier.${c}`) })}
                      </label>
                      {c === 'entryRewardId' ? (
                        <select {...control} onChange={(e) => editRule(path, e.target.value)}>
                          <WelcomeRewardOptions chosen={control.value} />
                        </select>
                      ) : (
                        <input
                          {...control}
                          type={numeric ? 'number' : 'text'}
                          step={c === 'multiplier' ? 'any' : numeric ? 1 : undefined}
                          min={numeric ? 0 : undefined}
                          placeholder={optional ? t('rules.none') : undefined}
                          onChange={(e) => editRule(path, e.target.value)}
                        />
                      )}
                      {problem && (
                        <p className="field-error" id={`${id}-error`} data-testid="rules-error" data-field={path}>
                          {say(t, problem)}
                        </p>
                      )}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    onClick={() => removeTier(i)}
                    disabled={tiers.length <= 1}
                    aria-label={t('rules.removeTier', { name: tier.name || tier.id || String(i + 1) })}
                  >
                    {t('rules.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="field-hint" id={WELCOME_HINT_ID}>
        {t('rules.tier.welcomeHint')}
      </p>
    </Panel>
  );
}

/** None, then the catalogue's unarchived rewards; a reward chosen before that is gone says so. */
function WelcomeRewardOptions({ chosen }: { chosen: string }) {
  const t = useT();
  return useRewardOptions(chosen, t('rules.none')).map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}
