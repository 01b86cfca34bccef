import { useEffect, useState } from 'react';

/** setTimeout takes at most a signed 32-bit delay; a longer one fires at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The browser's clock (ms since the epoch), read again every `everyMs` and exactly at the first of
 * `instants` still ahead, so a view that changes at a known instant (a call window opening) flips
 * at that instant rather than up to a tick later.
 */
export function useNow(everyMs: number, instants: readonly number[] = []): number {
  const [now, setNow] = useState(Date.now);
  const next = instants.reduce<number | null>((soonest, instant) => (instant > now && (soonest === null || instant < soonest) ? instant : soonest), null);

  useEffect(() => {
    const tick = () => setNow(Date.now());
    const interval = setInterval(tick, everyMs);
    const delay = next === null ? null : next - Date.now();
    const timeout = delay !== null && delay < MAX_TIMEOUT_MS ? setTimeout(tick, Math.max(0, delay)) : undefined;
    return () => {
      clearInterval(interval);
      clearTimeout(timeout);
    };
  }, [everyMs, next]);

  return now;
}
