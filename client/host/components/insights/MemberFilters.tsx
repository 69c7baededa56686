import { useEffect, useState } from 'react';
import { BUILT_IN_SEGMENTS } from '../../../../shared/insights.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import { MEMBER_SORTS, type MemberSort } from '../../logic/member-query.ts';
import { selectMemberSelection, selectSegmentList } from '../../store/insights-selectors.ts';
import { selectTiers } from '../../store/selectors.ts';
import { SelectField } from '../ui.tsx';

/** Typing in the search reads the list once the host pauses this long. */
const SEARCH_PAUSE_MS = 300;

/** The member list's selection: segment (built-in, then the host's own), name search, tier, order. */
export function MemberFilters() {
  const t = useT();
  const selection = useHost(selectMemberSelection);
  const saved = useHost(selectSegmentList).value?.saved ?? [];
  const tiers = useHost(selectTiers);
  const { selectMembers } = useActions();
  const [search, setSearch] = useState(selection.search);
  useEffect(() => setSearch(selection.search), [selection.search]);
  useEffect(() => {
    if (search === selection.search) return;
    const timer = setTimeout(() => void selectMembers({ search }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search, selection.search, selectMembers]);

  return (
    <div className="member-filters">
      <div className="field">
        <label htmlFor="members-segment">{t('members.segment')}</label>
        <select id="members-segment" value={selection.segment} onChange={(e) => void selectMembers({ segment: e.target.value })} data-testid="members-segment">
          <option value="">{t('members.everyone')}</option>
          <optgroup label={t('members.builtIn')}>
            {BUILT_IN_SEGMENTS.map((id) => (
              <option key={id} value={id}>
                {t(`segment.${id}`)}
              </option>
            ))}
          </optgroup>
          {saved.length > 0 && (
            <optgroup label={t('members.saved')}>
              {saved.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      <div className="field">
        <label htmlFor="members-search">{t('members.search')}</label>
        <input id="members-search" type="search" value={search} maxLength={80} onChange={(e) => setSearch(e.target.value)} autoComplete="off" data-testid="members-search" />
      </div>
      <SelectField
        id="members-tier"
        label={t('members.tier')}
        value={selection.tier}
        onChange={(tier) => void selectMembers({ tier })}
        options={[{ value: '', label: t('members.allTiers') }, ...tiers.map((tier) => ({ value: tier.id, label: tier.name }))]}
        testId="members-tier"
      />
      <SelectField
        id="members-sort"
        label={t('members.sort')}
        value={selection.sort}
        onChange={(sort) => void selectMembers({ sort: sort as MemberSort })}
        options={MEMBER_SORTS.map((sort) => ({ value: sort, label: t(`members.sort.${sort}`) }))}
        testId="members-sort"
      />
    </div>
  );
}
