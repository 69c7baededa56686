import { useId, useMemo, useState, type FormEvent } from 'react';
import { formatNumber } from '../../common/format.ts';
import { useActions, useLive, useT } from '../hooks.ts';
import { birthdayChangeableAt, clampDay, daysInMonth, formatBirthday, formatDate, monthNames } from '../logic/birthday.ts';
import {
  selectBirthday,
  selectBirthdayError,
  selectBirthdayLoaded,
  selectBirthdayPoints,
  selectBirthdaySaving,
  selectLocale,
} from '../store/selectors.ts';

/**
 * The birthday gift, compact: without a birthday, a month and a day and Save
 * on one line; with one, the date, what the gift is and that it changes
 * once a year (the server refuses sooner: CONFLICT, said here in words).
 */
export function BirthdayGift() {
  const t = useT();
  const locale = useLive(selectLocale);
  const birthday = useLive(selectBirthday);
  const loaded = useLive(selectBirthdayLoaded);
  const saving = useLive(selectBirthdaySaving);
  const error = useLive(selectBirthdayError);
  const giftPoints = useLive(selectBirthdayPoints);
  const { saveBirthday, clearBirthdayError } = useActions();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const [month, setMonth] = useState<number | null>(null);
  const [day, setDay] = useState<number | null>(null);
  const months = useMemo(() => monthNames(locale), [locale]);

  if (!loaded) return null; // not read yet: no empty form flashing over a date already given
  const showForm = birthday === null || editing;
  const days = daysInMonth(month ?? 1);
  const how = giftPoints > 0 ? t('birthday.howPoints', { points: formatNumber(giftPoints, locale) }) : t('birthday.how');

  const startEditing = () => {
    clearBirthdayError();
    setMonth(birthday?.month ?? null);
    setDay(birthday?.day ?? null);
    setEditing(true);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (month === null || day === null) return;
    if (await saveBirthday(month, day)) setEditing(false);
  };
  let errorText: string | null = null;
  if (error) {
    if (error.code === 'CONFLICT')
      errorText = birthday
        ? t('birthday.error.CONFLICT', { date: formatDate(birthdayChangeableAt(birthday.setAt), locale) })
        : t('birthday.error.CONFLICT.plain');
    else if (error.code === 'VALIDATION') errorText = t('birthday.error.VALIDATION');
    else if (error.code === 'OFFLINE') errorText = t('birthday.error.OFFLINE');
    else errorText = t('birthday.error.generic', { code: error.code });
  }

  return (
    <section className="card birthday" aria-labelledby={titleId} data-testid="birthday-form">
      <h3 id={titleId} className="birthday__title">
        {t('birthday.title')}
      </h3>
      {birthday !== null && !editing && (
        <p className="birthday__set">
          <span data-testid="birthday-date">{t('birthday.shown', { date: formatBirthday(birthday.month, birthday.day, locale) })}</span>
          <button type="button" className="btn btn--small btn--ghost" onClick={startEditing}>
            {t('birthday.change')}
          </button>
        </p>
      )}
      {showForm && (
        <form className="birthday__form" onSubmit={(e) => void submit(e)}>
          {birthday === null && <p className="muted small birthday__ask">{t('birthday.ask')}</p>}
          <div className="birthday__row">
            <select
              aria-label={t('birthday.month')}
              data-testid="birthday-month"
              value={month ?? ''}
              onChange={(e) => {
                const m = e.target.value === '' ? null : Number(e.target.value);
                setMonth(m);
                setDay((d) => clampDay(m, d));
              }}
            >
              <option value="" disabled>
                {t('birthday.month')}
              </option>
              {months.map((name, i) => (
                <option key={i + 1} value={i + 1}>
                  {name}
                </option>
              ))}
            </select>
            <select
              aria-label={t('birthday.day')}
              data-testid="birthday-day"
              value={day ?? ''}
              onChange={(e) => setDay(e.target.value === '' ? null : Number(e.target.value))}
            >
              <option value="" disabled>
                {t('birthday.day')}
              </option>
              {Array.from({ length: days }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </select>
            <button type="submit" className="btn btn--small btn--primary" disabled={saving || month === null || day === null}>
              {saving ? t('birthday.saving') : t('birthday.save')}
            </button>
            {editing && (
              <button
                type="button"
                className="btn btn--small btn--ghost"
                onClick={() => {
                  clearBirthdayError();
                  setEditing(false);
                }}
              >
                {t('birthday.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
      <p className="form-error small" role="alert" data-testid="birthday-error" hidden={errorText === null}>
        {errorText}
      </p>
      <p className="muted small birthday__how">{how}</p>
    </section>
  );
}
