import { useEffect, useState } from 'react';

/** Whole seconds from now until `until` (0 once it has passed), ticking every second; null without a deadline. */
export function useSecondsLeft(until: string | null | undefined): number | null {
  const deadline = until ? new Date(until).getTime() : null;
  const secondsLeft = () => (deadline === null ? null : Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
  const [seconds, setSeconds] = useState(secondsLeft);

  useEffect(() => {
    if (deadline === null) {
      setSeconds(null);
      return;
    }
    const tick = () => setSeconds(Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [deadline]);

  return seconds;
}

/** "14:05" for 845 seconds; hours appear only when there are any ("1:02:03"). */
export function formatCountdown(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0');
  return `${hours > 0 ? `${hours}:` : ''}${mm}:${String(rest).padStart(2, '0')}`;
}
