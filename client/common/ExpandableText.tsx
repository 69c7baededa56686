/**
 * A comment that may be long: shown to `lines` lines, with a button to read
 * it whole when (and only when) the clamp really hides something. Measured in
 * the browser, since how many lines a text takes depends on its script, the
 * font and the width of the feed. Both screens style `.clamp` and
 * `.clamp-toggle` in their own CSS.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export function ExpandableText({ children, text, lines = 4, more, less, className }: { children: ReactNode; text: string; lines?: number; more: string; less: string; className?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [open, setOpen] = useState(false);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || open) return;
    const measure = () => setOverflows(el.scrollHeight > el.clientHeight + 1);
    measure();
    // the feed's width changes with the window (and the phone's rotation)
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(el);
    return () => observer?.disconnect();
  }, [text, open, lines]);
  return (
    <>
      <p ref={ref} className={`${className ?? ''} ${open ? '' : 'clamp'}`} style={open ? undefined : { WebkitLineClamp: lines }} data-testid="comment-text">
        {children}
      </p>
      {(overflows || open) && (
        <button type="button" className="clamp-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? less : more}
        </button>
      )}
    </>
  );
}
