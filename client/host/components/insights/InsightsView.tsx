import type { MouseEvent } from 'react';
import { useActions, useHost, useT } from '../../hooks.ts';
import { selectInsightsPart } from '../../store/insights-selectors.ts';
import { INSIGHTS_PARTS, type InsightsPart } from '../../store/types.ts';
import { insightsPath } from '../../store/ui-slice.ts';
import { KpisPanel } from './KpisPanel.tsx';
import { MembersPanel } from './MembersPanel.tsx';
import { RepurchasePanel } from './RepurchasePanel.tsx';

/**
 * Insights (issue 15): whether the membership programme pays — its KPIs
 * over time, the members (segments, scores, CSV) and who will buy again.
 * Each part has its address and reads its figures when opened. What every
 * figure means is docs/INSIGHTS.md.
 */
export function InsightsView() {
  const t = useT();
  const part = useHost(selectInsightsPart);
  return (
    <div className="view" data-testid="insights-view" data-part={part}>
      <header className="view-head">
        <div className="view-title">
          <h1>{t('insights.heading')}</h1>
          <p className="muted">{t('insights.lead')}</p>
        </div>
      </header>
      <nav className="insights-parts" aria-label={t('insights.parts')}>
        {INSIGHTS_PARTS.map((p) => (
          <PartLink key={p} part={p} current={p === part} />
        ))}
      </nav>
      {part === 'members' ? <MembersPanel /> : part === 'repurchase' ? <RepurchasePanel /> : <KpisPanel />}
    </div>
  );
}

function PartLink({ part, current }: { part: InsightsPart; current: boolean }) {
  const t = useT();
  const { openInsights } = useActions();
  const go = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    openInsights(part);
  };
  return (
    <a href={insightsPath(part)} aria-current={current ? 'page' : undefined} onClick={go}>
      {t(`insights.part.${part}`)}
    </a>
  );
}
