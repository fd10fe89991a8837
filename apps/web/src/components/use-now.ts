import { useEffect, useState } from 'react';

/** The current time in ms, moved on every `everyMs` while the component is shown (for countdowns and late costs). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
