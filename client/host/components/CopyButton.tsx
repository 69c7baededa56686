import { useEffect, useState } from 'react';
import { useT } from '../hooks.ts';

/** Copies text to the clipboard and says so (politely, for screen readers too). */
export function CopyButton({ text, label, testId, className }: { text: () => string; label: string; testId?: string; className?: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text());
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <button type="button" className={className ?? 'btn btn-ghost btn-small'} onClick={() => void copy()} data-testid={testId}>
      <span aria-live="polite">{state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : label}</span>
    </button>
  );
}
