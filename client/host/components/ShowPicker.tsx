import { useActions, useHost, useT } from '../hooks.ts';
import type { HostKey } from '../i18n.ts';
import { selectFocusedShow, selectStreams } from '../store/selectors.ts';

/** Which show the live panel, drops and lotteries are about. */
export function ShowPicker({ id }: { id: string }) {
  const t = useT();
  const streams = useHost(selectStreams);
  const focused = useHost(selectFocusedShow);
  const { focusShow } = useActions();
  if (streams.length === 0) return null;
  return (
    <div className="show-picker">
      <label htmlFor={id}>{t('picker.label')}</label>
      <select id={id} value={focused?.id ?? ''} onChange={(e) => focusShow(e.target.value || null)}>
        {(['live', 'scheduled', 'ended'] as const).map((status) => {
          const group = streams.filter((s) => s.status === status);
          return group.length === 0 ? null : (
            <optgroup key={status} label={t(`status.${status}` as HostKey)}>
              {group.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </div>
  );
}
