import { describe, expect, it } from 'vitest';
import { localizedTiers, tierDisplayName, withLocalizedTiers } from '../../client/common/tier-names.ts';
import { DEFAULT_RULES } from '../../shared/rules.ts';

describe('tier names in the reader\'s language', () => {
  it('translates the default tiers under their default names, nothing the host named', () => {
    expect(tierDisplayName('gold', 'Gold', 'zh-TW')).toBe('金級');
    expect(tierDisplayName('bronze', undefined, 'zh-TW')).toBe('銅級');
    expect(tierDisplayName('gold', 'Gold', 'en')).toBe('Gold');
    expect(tierDisplayName('gold', 'VIP 金卡', 'zh-TW')).toBe('VIP 金卡'); // renamed by the host: theirs
    expect(tierDisplayName('diamond', 'Diamond', 'zh-TW')).toBe('Diamond'); // the host's own tier
    expect(tierDisplayName('constructor', undefined, 'zh-TW')).toBe('constructor');
  });

  it('returns the same object for the same rules and locale, so selectors stay stable', () => {
    const zh = withLocalizedTiers(DEFAULT_RULES, 'zh-TW')!;
    expect(zh.tiers.map((t) => t.name)).toEqual(['銅級', '銀級', '金級']);
    expect(withLocalizedTiers(DEFAULT_RULES, 'zh-TW')).toBe(zh);
    expect(DEFAULT_RULES.tiers[2]!.name).toBe('Gold'); // the store's document is untouched
    expect(localizedTiers(DEFAULT_RULES.tiers, 'en').map((t) => t.name)).toEqual(['Bronze', 'Silver', 'Gold']);
    expect(localizedTiers(DEFAULT_RULES.tiers, 'en')).toBe(localizedTiers(DEFAULT_RULES.tiers, 'en'));
  });
});
