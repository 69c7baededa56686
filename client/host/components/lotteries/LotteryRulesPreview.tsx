/**
 * The official rules as members will read them, written while the host
 * types by the same generator the room and the verify page use
 * (shared/lottery-rules-text.ts), so the preview cannot promise what the
 * server does not enforce.
 */
import { useMemo } from 'react';
import { lotteryRulesText, type RulesText } from '../../../../shared/lottery-rules-text.ts';
import type { Tier } from '../../../../shared/rules.ts';
import { useHost, useT } from '../../hooks.ts';
import { expectedDrawAlgorithm, rulesLanguageOf, rulesSourceFrom, type LotteryForm } from '../../logic/lottery-form.ts';
import type { HostKey } from '../../i18n.ts';
import { selectKnownLotteries, selectLocale } from '../../store/selectors.ts';

const SECTIONS: Array<[keyof RulesText, HostKey]> = [
  ['whoMayEnter', 'lotteries.rules.whoMayEnter'],
  ['howWinnersAreChosen', 'lotteries.rules.howWinnersAreChosen'],
  ['claiming', 'lotteries.rules.claiming'],
];

export function LotteryRulesPreview({ form, tiers }: { form: LotteryForm; tiers: Tier[] }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const known = useHost(selectKnownLotteries);
  const drawAlgorithm = useMemo(() => expectedDrawAlgorithm(Object.values(known)), [known]);
  const tierName = tiers.find((tier) => tier.id === form.minTier)?.name ?? null;
  const rules = lotteryRulesText(rulesSourceFrom(form, drawAlgorithm, tierName), rulesLanguageOf(locale));

  return (
    <section className="preview-card rules-preview" aria-labelledby="lottery-rules-preview-title" data-testid="lottery-rules-preview">
      <h3 id="lottery-rules-preview-title" className="subhead">
        {t('lotteries.rulesPreview')}
      </h3>
      {SECTIONS.map(([section, heading]) => (
        <div key={section}>
          <h4 className="rules-preview-heading">{t(heading)}</h4>
          <ul className="rules-preview-list">
            {rules[section].map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
