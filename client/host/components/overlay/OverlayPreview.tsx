import { useEffect, useRef, useState } from 'react';
import { useT } from '../../hooks.ts';

const OVERLAY_W = 1920;
const OVERLAY_H = 1080;

/**
 * The overlay as OBS will show it: a 1920×1080 page scaled down to the box
 * with a CSS transform, over a checkerboard so transparency shows.
 */
export function OverlayPreview({ src, title }: { src: string; title: string }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0.3);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setScale(el.clientWidth / OVERLAY_W);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <div className="overlay-preview">
      <div className="preview-stage checkerboard" ref={box} style={{ aspectRatio: `${OVERLAY_W} / ${OVERLAY_H}` }}>
        <iframe
          key={reloads}
          src={src}
          title={title}
          width={OVERLAY_W}
          height={OVERLAY_H}
          style={{ transform: `scale(${scale})` }}
          tabIndex={-1}
          data-testid="overlay-preview"
        />
      </div>
      <div className="preview-foot">
        <span className="small muted">{t('overlay.previewNote', { percent: Math.round(scale * 100) })}</span>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setReloads((n) => n + 1)}>
          {t('overlay.reload')}
        </button>
      </div>
    </div>
  );
}
