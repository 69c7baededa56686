/**
 * "Share the room" for one show: the viewer link, a Copy button and a QR code
 * to put on screen or print. The QR encoder loads only when a host opens the
 * panel, so the dashboard's first load does not carry it; it runs in the
 * browser (no network).
 */
import { useEffect, useState } from 'react';
import { useT } from '../../hooks.ts';
import { qrPath, viewerLink } from '../../logic/share.ts';
import { CopyButton } from '../CopyButton.tsx';

interface QrDrawing {
  size: number;
  path: string;
}

async function drawQr(text: string): Promise<QrDrawing> {
  const { create } = await import('qrcode');
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, path: qrPath(modules.size, (row, col) => !!modules.get(row, col)) };
}

function QrCode({ text, label }: { text: string; label: string }) {
  const [drawing, setDrawing] = useState<QrDrawing | null>(null);
  useEffect(() => {
    let live = true;
    void drawQr(text).then((d) => live && setDrawing(d));
    return () => {
      live = false;
    };
  }, [text]);
  if (!drawing) return <div className="share-qr is-loading" aria-hidden="true" />;
  const quiet = 4; // the blank margin scanners need around the code
  const box = drawing.size + quiet * 2;
  return (
    <svg className="share-qr" viewBox={`0 0 ${box} ${box}`} role="img" aria-label={label} data-testid="share-qr" data-text={text} shapeRendering="crispEdges">
      <rect width={box} height={box} fill="#fff" />
      <path d={drawing.path} transform={`translate(${quiet} ${quiet})`} fill="#000" />
    </svg>
  );
}

export function ShareRoom({ streamId, title }: { streamId: string; title: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const url = viewerLink(location.origin, streamId);
  const inputId = `share-${streamId}`;
  return (
    <details className="share-room" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="share-room">
      <summary>{t('share.summary')}</summary>
      <div className="share-body">
        <div className="share-link">
          <label htmlFor={inputId} className="small muted">
            {t('share.linkLabel')}
          </label>
          <div className="share-row">
            <input id={inputId} className="mono" readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
            <CopyButton text={() => url} label={t('share.copy')} testId="share-copy" className="btn btn-secondary btn-small" />
          </div>
          <p className="small muted">{t('share.hint')}</p>
        </div>
        {open && <QrCode text={url} label={t('share.qrLabel', { title })} />}
      </div>
    </details>
  );
}
