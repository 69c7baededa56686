import { useId } from 'react';
import { lotteryRulesText, type RulesSource } from '../../../shared/lottery-rules-text.ts';
import { useLive, useT } from '../hooks.ts';
import { selectLocale } from '../store/selectors.ts';

/**
 * The giveaway's official rules, written from its settings by the same
 * generator the verify page and the dashboard use (shared/lottery-rules-text.ts),
 * folded so the card stays short on a phone.
 */
export function LotteryRules({ lottery, tierName, open = false }: { lottery: RulesSource; tierName: string | null; open?: boolean }) {
  const t = useT();
  const locale = useLive(selectLocale);
  const headingId = useId();
  const text = lotteryRulesText({ ...lottery, tierName }, locale);
  const sections = [
    [t('lottery.rules.who'), text.whoMayEnter],
    [t('lottery.rules.how'), text.howWinnersAreChosen],
    [t('lottery.rules.claiming'), text.claiming],
  ] as const;
  return (
    <details className="lottery__rules" data-testid="lottery-rules" open={open}>
      <summary id={headingId}>{t('lottery.rules.title')}</summary>
      {sections.map(([title, sentences]) => (
        <section key={title} aria-label={title}>
          <h5>{title}</h5>
          <ul>
            {sentences.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </section>
      ))}
    </details>
  );
}
