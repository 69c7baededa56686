import { useEffect } from 'react';
import type { RepurchaseRanking } from '../../api.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import { formatProbability, reasonsSentence } from '../../logic/repurchase-words.ts';
import { formatDateTime } from '../../logic/time.ts';
import { selectRepurchase } from '../../store/insights-selectors.ts';
import { selectLocale } from '../../store/selectors.ts';
import { Panel } from '../ui.tsx';
import { ReadGate, ReadStamp } from '../ReadGate.tsx';

/**
 * Who will buy again (issue 15): the members most likely to order in the
 * next 30 days, from a model learned on the shop's own history, each with
 * the features that raised their chance, in words.
 */
export function RepurchasePanel() {
  const t = useT();
  const ranking = useHost(selectRepurchase);
  const { loadRepurchase } = useActions();
  useEffect(() => {
    void loadRepurchase();
  }, [loadRepurchase]);
  return (
    <Panel
      title={t('insights.part.repurchase')}
      titleId="repurchase-title"
      subtitle={t('repurchase.lead')}
      className="repurchase-panel"
      actions={<ReadStamp read={ranking} refresh={() => void loadRepurchase()} />}
    >
      <ReadGate read={ranking} retry={() => void loadRepurchase()}>
        {(value) => <Ranking ranking={value} />}
      </ReadGate>
    </Panel>
  );
}

function Ranking({ ranking }: { ranking: RepurchaseRanking }) {
  const t = useT();
  const locale = useHost(selectLocale);
  return (
    <div data-testid="repurchase-ranking" data-trained-on={ranking.trainedOn}>
      <p className="small muted">
        {t('repurchase.trained', { count: ranking.trainedOn, positives: ranking.positives, time: formatDateTime(ranking.at, locale) })}
        {ranking.positives === 0 && ` ${t('repurchase.noPositives')}`}
      </p>
      {ranking.members.length === 0 ? (
        <p className="muted">{t('repurchase.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="claim-table repurchase-table">
            <thead>
              <tr>
                <th scope="col">{t('repurchase.col.rank')}</th>
                <th scope="col">{t('repurchase.col.member')}</th>
                <th scope="col">{t('repurchase.col.probability')}</th>
                <th scope="col">{t('repurchase.col.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.members.map((m, i) => (
                <tr key={m.memberId} data-testid="repurchase-row" data-member-id={m.memberId} data-probability={m.probability}>
                  <td className="mono small">{i + 1}</td>
                  <td>
                    <bdi>{m.displayName}</bdi>
                  </td>
                  <td className="mono" data-testid="repurchase-probability">
                    {formatProbability(t, m.probability, locale)}
                  </td>
                  <td className="small">{reasonsSentence(t, m.reasons, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
