/**
 * The overlay link builder: the language on stream and which widgets show,
 * written into the link's query (shared/overlay-link.ts, which the overlay
 * reads). The choices live in the URL the seller copies; the preview shows
 * the same link with `preview=1`, the only place connection trouble appears.
 */
import { OVERLAY_WIDGETS, type OverlayLang, type OverlayWidget } from '../../../../shared/overlay-link.ts';
import { useT } from '../../hooks.ts';
import type { HostKey } from '../../i18n.ts';
import { CheckboxField, SelectField } from '../ui.tsx';

export interface LinkChoices {
  lang: OverlayLang;
  widgets: OverlayWidget[];
}

/** Language names are written in their own language, so each finds its own. */
const LANG_OPTIONS: Array<{ value: OverlayLang; label: string }> = [
  { value: 'en', label: 'English' },
  { value: 'zh-TW', label: '繁體中文' },
];

export function OverlayLinkBuilder({ choices, onChange }: { choices: LinkChoices; onChange: (next: LinkChoices) => void }) {
  const t = useT();
  const toggle = (widget: OverlayWidget, on: boolean) =>
    onChange({ ...choices, widgets: OVERLAY_WIDGETS.filter((w) => (w === widget ? on : choices.widgets.includes(w))) });
  return (
    <fieldset className="overlay-builder" data-testid="overlay-builder">
      <legend className="small strong">{t('overlay.builderTitle')}</legend>
      <SelectField
        id="overlay-lang"
        label={t('overlay.lang')}
        value={choices.lang}
        onChange={(v) => onChange({ ...choices, lang: v === 'zh-TW' ? 'zh-TW' : 'en' })}
        options={LANG_OPTIONS}
        testId="overlay-lang"
      />
      <div className="field" role="group" aria-labelledby="overlay-widgets-label">
        <span id="overlay-widgets-label" className="label">
          {t('overlay.widgets')}
        </span>
        <div className="overlay-widgets">
          {OVERLAY_WIDGETS.map((w) => (
            <CheckboxField
              key={w}
              id={`overlay-widget-${w}`}
              label={t(`overlay.widget.${w}` as HostKey)}
              checked={choices.widgets.includes(w)}
              onChange={(on) => toggle(w, on)}
            />
          ))}
        </div>
        <p className="field-hint">{choices.widgets.length === 0 ? t('overlay.noWidgets') : t('overlay.widgetsHint')}</p>
      </div>
    </fieldset>
  );
}
