import { useEffect, useState } from 'react';
import { secondsUntil } from './countdown';

/** Whole seconds left until `iso`, counted down every second while there are any; 0 once it has passed. */
export function useCountdown(iso: string | null): number {
  const [left, setLeft] = useState(() => secondsUntil(iso, Date.now()));
  useEffect(() => {
    const tick = () => {
      const now = secondsUntil(iso, Date.now());
      setLeft(now);
      return now;
    };
    if (tick() === 0) return;
    const timer = window.setInterval(() => {
      if (tick() === 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [iso]);
  return left;
}
