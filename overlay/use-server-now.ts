/**
 * Server time (device clock + the measured offset), ticking once a second on
 * the server's second boundaries so countdowns flip when the server's do.
 * Only the small components that print a countdown use it.
 */
import { useEffect, useState } from 'react';
import { useOverlay } from './context.ts';
import { selectOffset } from './store/selectors.ts';

export function useServerNow(): number {
  const offset = useOverlay(selectOffset);
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const n = Date.now() + offset;
      setNow(n);
      timer = setTimeout(tick, 1000 - (n % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [offset]);
  return now;
}
