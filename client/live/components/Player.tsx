import { useEffect, useMemo, useRef, useState } from 'react';
import type { Stream } from '../../../shared/models.ts';
import { useActions, useT } from '../hooks.ts';
import { playerFor } from '../logic/player.ts';

import { ExternalIcon } from './icons.tsx';

/**
 * The show's player. A <video> for direct media (HLS plays natively on Safari
 * and phones) reports real play/pause; an <iframe> embed (YouTube, Twitch…)
 * or a stream playing elsewhere cannot be observed, so for those "playing" is
 * true while the page is visible — heartbeats already require visibility.
 */
export function Player({ stream }: { stream: Stream }) {
  const t = useT();
  const { setPlaying } = useActions();
  const source = useMemo(() => (stream.playbackUrl ? playerFor(stream.playbackUrl, location.hostname) : null), [stream.playbackUrl]);
  const [failed, setFailed] = useState(false);
  const mode = !source || failed ? 'elsewhere' : source.kind;

  useEffect(() => {
    if (mode !== 'video') setPlaying(true); // unobservable player: playing while visible (see above)
  }, [mode, setPlaying]);
  useEffect(() => () => setPlaying(false), [setPlaying]);

  if (source && !failed && source.kind === 'video') return <VideoPlayer src={source.src} title={stream.title} onFail={() => setFailed(true)} />;
  if (source && !failed && source.kind === 'embed') {
    return (
      <div className="player">
        <iframe
          className="player__frame"
          src={source.src}
          title={t('player.embedTitle', { title: stream.title })}
          allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
          allowFullScreen
          referrerPolicy="strict-origin-when-cross-origin"
        />
        {source.provider === 'page' && stream.playbackUrl && (
          <a className="player__out" href={stream.playbackUrl} target="_blank" rel="noopener noreferrer">
            {t('player.openElsewhere')} <ExternalIcon />
          </a>
        )}
      </div>
    );
  }
  return (
    <div className="player player--elsewhere">
      <div className="player__elsewhere">
        <span className="player__pulse" aria-hidden="true" />
        <p className="player__headline">{failed ? t('player.cannotPlay') : t('player.elsewhere')}</p>
        <p className="player__sub">{t('player.elsewhereHint')}</p>
        {stream.playbackUrl && (
          <a className="btn btn--small btn--ghost" href={stream.playbackUrl} target="_blank" rel="noopener noreferrer">
            {t('player.openStream')} <ExternalIcon />
          </a>
        )}
      </div>
    </div>
  );
}

function VideoPlayer({ src, title, onFail }: { src: string; title: string; onFail: () => void }) {
  const { setPlaying } = useActions();
  const ref = useRef<HTMLVideoElement>(null);
  const sync = () => {
    const v = ref.current;
    setPlaying(Boolean(v && !v.paused && !v.ended));
  };
  useEffect(() => {
    setPlaying(false);
    // Some browsers ignore the muted attribute set by React before autoplay.
    if (ref.current) ref.current.muted = true;
  }, [src, setPlaying]);
  return (
    <div className="player">
      <video
        ref={ref}
        className="player__video"
        src={src}
        aria-label={title}
        autoPlay
        muted
        playsInline
        controls
        onPlaying={sync}
        onPlay={sync}
        onPause={sync}
        onEnded={sync}
        onError={() => {
          setPlaying(false);
          onFail();
        }}
      />
    </div>
  );
}
