import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useActions, useLive, useT } from '../hooks.ts';
import { selectStream } from '../store/selectors.ts';

const COPIED_MS = 2500;

/**
 * The room's share action, for every button that offers it (quick actions,
 * a lottery's invite line): the show's link — a member's carries `?ref=`, so
 * friends who watch count for them — through the phone's share sheet, else
 * copied. The link is kept to show when neither works (no clipboard on an
 * insecure page).
 */
export function useShare() {
  const { shareLink } = useActions();
  const stream = useLive(selectStream);
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);

  const copy = useCallback(async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      return; // no clipboard (insecure context): the link shows to copy by hand
    }
    setCopied(true);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), COPIED_MS);
  }, []);

  const share = useCallback(async () => {
    const link = await shareLink();
    setUrl(link);
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: stream?.title ?? 'Front Row', url: link });
        return;
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return;
      }
    }
    await copy(link);
  }, [shareLink, stream, copy]);

  return { share, url, copied, copy };
}

/** The link itself, to select or copy again, once a share has made it. */
export function ShareLinkField({ url, copied, onCopy }: { url: string; copied: boolean; onCopy: (url: string) => void }) {
  const t = useT();
  const inputId = useId();
  return (
    <div className="share-link">
      <label className="sr-only" htmlFor={inputId}>
        {t('share.linkLabel')}
      </label>
      <input id={inputId} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" className="btn btn--small btn--ghost" onClick={() => onCopy(url)}>
        {copied ? t('share.copied') : t('share.copy')}
      </button>
    </div>
  );
}
