import { useState, type FormEvent } from 'react';
import type { Stream } from '../../../../shared/models.ts';
import { formatCountdown } from '../../../common/format.ts';
import { useActions, useHost, useT } from '../../hooks.ts';
import type { FieldProblems, Problem } from '../../logic/problems.ts';
import { formatDateTime } from '../../logic/time.ts';
import { selectFocusedShow, selectLocale, selectShowBusy, selectShowsLoaded, selectStreams } from '../../store/selectors.ts';
import { StreamStatus } from '../StreamStatus.tsx';
import { ShareRoom } from './ShareRoom.tsx';
import { EmptyState, FormAlert, Panel, TextField } from '../ui.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';

function CreateShowForm() {
  const t = useT();
  const { createShow } = useActions();
  const [title, setTitle] = useState('');
  const [playbackUrl, setPlaybackUrl] = useState('');
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [fields, setFields] = useState<FieldProblems>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    const outcome = await createShow({ title, playbackUrl });
    setPending(false);
    if (outcome.ok) {
      setTitle('');
      setPlaybackUrl('');
      setProblem(null);
      setFields({});
    } else {
      setProblem(outcome.problem);
      setFields(outcome.fields);
    }
  };

  return (
    <Panel title={t('shows.createTitle')} titleId="create-show-title" subtitle={t('shows.createLead')}>
      <form className="form" onSubmit={submit} data-testid="create-show-form" aria-labelledby="create-show-title" noValidate>
        <TextField
          id="show-title"
          label={t('shows.titleLabel')}
          value={title}
          onChange={(v) => {
            setTitle(v);
            setFields(({ title: _, ...rest }) => rest);
          }}
          required
          placeholder={t('shows.titlePlaceholder')}
          problem={fields.title}
        />
        <TextField
          id="show-playback"
          label={t('shows.playbackLabel')}
          type="url"
          inputMode="url"
          value={playbackUrl}
          onChange={(v) => {
            setPlaybackUrl(v);
            setFields(({ playbackUrl: _, ...rest }) => rest);
          }}
          placeholder="https://"
          hint={t('shows.playbackHint')}
          problem={fields.playbackUrl}
        />
        <FormAlert problem={problem} />
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="create-show-submit">
          {pending ? t('common.saving') : t('shows.create')}
        </button>
      </form>
    </Panel>
  );
}

function ShowRow({ stream, focused }: { stream: Stream; focused: boolean }) {
  const t = useT();
  const locale = useHost(selectLocale);
  const busy = useHost(selectShowBusy(stream.id));
  const { startShow, endShow, focusShow, setView, openReport } = useActions();
  const titleId = `show-${stream.id}-title`;

  const when =
    stream.status === 'ended' && stream.startedAt && stream.endedAt
      ? t('shows.ranFor', { when: formatDateTime(stream.startedAt, locale), duration: formatCountdown(stream.endedAt - stream.startedAt) })
      : stream.status === 'live' && stream.startedAt
        ? t('shows.startedAt', { when: formatDateTime(stream.startedAt, locale) })
        : t('shows.createdAt', { when: formatDateTime(stream.createdAt, locale) });

  return (
    <li className={`show-row ${focused ? 'is-focused' : ''} show-${stream.status}`} aria-labelledby={titleId} data-stream-id={stream.id}>
      <div className="show-main">
        <StreamStatus stream={stream} />
        <div>
          <h3 id={titleId}>{stream.title}</h3>
          <p className="muted small">
            {when}
            {stream.playbackUrl && (
              <>
                {' · '}
                <a href={stream.playbackUrl} target="_blank" rel="noreferrer">
                  {t('shows.playbackLink')}
                </a>
              </>
            )}
          </p>
        </div>
      </div>
      <div className="show-actions">
        {stream.status !== 'ended' && (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              focusShow(stream.id);
              setView('studio');
            }}
            aria-describedby={titleId}
          >
            {t('shows.openStudio')}
          </button>
        )}
        {stream.status === 'ended' && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              focusShow(stream.id);
              setView('drops');
            }}
            aria-describedby={titleId}
          >
            {t('shows.review')}
          </button>
        )}
        {stream.status !== 'scheduled' && (
          <button type="button" className="btn btn-ghost" onClick={() => openReport(stream.id)} aria-describedby={titleId} data-testid="show-report-open">
            {t('shows.report')}
          </button>
        )}
        {stream.status === 'scheduled' && (
          <button
            type="button"
            className="btn btn-live"
            disabled={!!busy}
            onClick={() => void startShow(stream.id)}
            aria-describedby={titleId}
            data-testid="start-show"
          >
            {busy === 'start' ? t('shows.starting') : t('shows.start')}
          </button>
        )}
        {stream.status !== 'ended' && (
          <ConfirmButton
            className="btn btn-danger-ghost"
            disabled={!!busy}
            describedBy={titleId}
            testId="end-show"
            title={t('shows.endConfirm.title', { title: stream.title })}
            message={t('shows.endConfirm.body')}
            confirmLabel={t('shows.endConfirm.confirm')}
            onConfirm={() => void endShow(stream.id)}
          >
            {busy === 'end' ? t('shows.ending') : t('shows.end')}
          </ConfirmButton>
        )}
      </div>
      {stream.status !== 'ended' && <ShareRoom streamId={stream.id} title={stream.title} />}
    </li>
  );
}

export function ShowsView() {
  const t = useT();
  const streams = useHost(selectStreams);
  const loaded = useHost(selectShowsLoaded);
  const focused = useHost(selectFocusedShow);
  const groups = (['live', 'scheduled', 'ended'] as const).map((status) => ({ status, list: streams.filter((s) => s.status === status) }));

  return (
    <div className="view">
      <header className="view-head">
        <div>
          <h1>{t('shows.heading')}</h1>
          <p className="muted">{t('shows.lead')}</p>
        </div>
      </header>
      <div className="grid-aside">
        <CreateShowForm />
        <Panel title={t('shows.listTitle')} titleId="show-list-title">
          {!loaded ? (
            <p className="muted" role="status">
              {t('common.loading')}
            </p>
          ) : streams.length === 0 ? (
            <EmptyState title={t('shows.emptyTitle')}>{t('shows.emptyBody')}</EmptyState>
          ) : (
            <div data-testid="show-list" aria-labelledby="show-list-title" role="region">
              {groups.map(({ status, list }) =>
                list.length === 0 ? null : (
                  <div key={status} className="show-group">
                    <h3 className="group-title">
                      {t(`shows.group.${status}`)} <span className="count">{list.length}</span>
                    </h3>
                    <ul className="show-list">
                      {list.map((s) => (
                        <ShowRow key={s.id} stream={s} focused={focused?.id === s.id} />
                      ))}
                    </ul>
                  </div>
                ),
              )}
            </div>
          )}
        </Panel>
      </div>
    </div>
  );
}
