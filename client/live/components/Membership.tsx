import { useMemo } from 'react';
import type { Tier } from '../../../shared/rules.ts';
import { formatNumber } from '../../common/format.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import { formatMultiplier, formatSpan } from '../logic/format.ts';
import { tierProgress } from '../logic/tier-progress.ts';
import { selectIsSignedIn, selectLocale, selectMe, selectRules } from '../store/selectors.ts';
import { MemberBadges } from './Badges.tsx';
import { StarIcon } from './icons.tsx';

/** The member's tier card (badges, progress to the next tier and what it brings), or the ladder for guests. */
export function Membership() {
  const t = useT();
  const signedIn = useLive(selectIsSignedIn);
  return (
    <section id="membership" className="card member" aria-labelledby="member-h">
      <h2 id="member-h" className="section-title">
        {t('member.title')}
      </h2>
      {signedIn ? <TierCard /> : <Ladder />}
    </section>
  );
}

function TierCard() {
  const t = useT();
  const { signOut } = useActions();
  const locale = useLive(selectLocale);
  const me = useLive(selectMe);
  const progress = useMemo(() => (me ? tierProgress(me) : null), [me]);
  if (!me || !progress) return <p className="muted">{t('common.loading')}</p>;
  const { current, next } = progress;
  return (
    <>
      <div className="tiercard" data-tier={current.id}>
        <div className="tiercard__top">
          <span className="medal" data-tier={current.id} aria-hidden="true">
            <StarIcon size={18} />
          </span>
          <div className="tiercard__who">
            <p className="tiercard__name">
              <span className="sr-only">{t('member.tier')} </span>
              <span data-testid="tier-name">{current.name}</span>
            </p>
            <p className="tiercard__member"><bdi>{me.member.displayName}</bdi></p>
          </div>
          {me.superFan && (
            <span className="superfan" data-testid="super-fan-badge" title={t('member.superFanHint')}>
              ★ {t('member.superFan')}
            </span>
          )}
        </div>
        <MemberBadges />
        <div className="tiercard__balance">
          <span className="tiercard__points">{formatNumber(me.balance, locale)}</span>
          <span className="tiercard__unit">{t('member.balance')}</span>
        </div>
        {next ? (
          <>
            <div
              className="bar bar--tier"
              role="progressbar"
              aria-label={t('member.progressLabel', { tier: next.name })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(progress.fraction * 100)}
            >
              <span className="bar__fill" style={{ width: `${progress.fraction * 100}%` }} />
            </div>
            <p className="tiercard__togo">
              {t('member.toGo', { points: formatNumber(progress.toGo, locale), tier: next.name })}
              <span className="muted"> · {t('member.earned365', { points: formatNumber(me.earned365, locale) })}</span>
            </p>
          </>
        ) : (
          <p className="tiercard__togo">{t('member.top')}</p>
        )}
      </div>
      <Perks tier={current} title={t('member.yourPerks')} />
      {next && <Perks tier={next} title={t('member.nextPerks', { tier: next.name })} upcoming />}
      <button type="button" className="link-btn member__signout" onClick={() => signOut()}>
        {t('auth.signOut')}
      </button>
    </>
  );
}

function Perks({ tier, title, upcoming }: { tier: Tier; title: string; upcoming?: boolean }) {
  const t = useT();
  const locale = useLive(selectLocale);
  return (
    <div className={`perks ${upcoming ? 'perks--next' : ''}`}>
      <h3 className="perks__title">{title}</h3>
      <ul className="perks__list">
        <li>
          <span className="perks__value">{formatMultiplier(tier.multiplier, locale)}</span>
          <span>{t('perk.multiplier')}</span>
        </li>
        <li>
          <span className="perks__value">{tier.earlyAccessSeconds > 0 ? formatSpan(tier.earlyAccessSeconds, locale) : '—'}</span>
          <span>{tier.earlyAccessSeconds > 0 ? t('perk.early') : t('perk.noEarly')}</span>
        </li>
        <li>
          <span className="perks__value">{formatMultiplier(tier.lotteryWeight, locale)}</span>
          <span>{t('perk.lottery')}</span>
        </li>
      </ul>
    </div>
  );
}

function Ladder() {
  const t = useT();
  const locale = useLive(selectLocale);
  const rules = useLive(selectRules);
  const { openAuth } = useActions();
  return (
    <>
      <p className="muted">{t('member.guestLead')}</p>
      <ol className="ladder">
        {(rules?.tiers ?? []).map((tier) => (
          <li key={tier.id} className="ladder__step" data-tier={tier.id}>
            <span className="medal medal--small" data-tier={tier.id} aria-hidden="true">
              <StarIcon size={14} />
            </span>
            <span className="ladder__name">{tier.name}</span>
            <span className="ladder__min">{t('member.from', { points: formatNumber(tier.minPoints, locale) })}</span>
            <span className="ladder__perks">
              {formatMultiplier(tier.multiplier, locale)} {t('perk.short.points')}
              {tier.earlyAccessSeconds > 0 && ` · ${t('perk.short.early', { span: formatSpan(tier.earlyAccessSeconds, locale) })}`}
              {` · ${formatMultiplier(tier.lotteryWeight, locale)} ${t('perk.short.lottery')}`}
            </span>
          </li>
        ))}
      </ol>
      <div className="member__cta">
        <button type="button" className="btn btn--primary" onClick={() => openAuth('signup')}>
          {t('guest.join')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={() => openAuth('login')}>
          {t('auth.login')}
        </button>
      </div>
    </>
  );
}
