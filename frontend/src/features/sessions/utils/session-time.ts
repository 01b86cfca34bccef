import { formatCountdown } from '@/hooks/use-countdown';
import { DATE_LOCALE, zonedHhmm } from '@/lib/time-zone-clock';

const MINUTE_MS = 60_000;

/** Below this the join button counts down in minutes; further out it names the day and time. */
export const JOIN_COUNTDOWN_FROM_MS = 60 * MINUTE_MS;
/** The timer turns orange, and the one warning shows, with this much of the session left. */
export const ENDING_SOON_MS = 5 * MINUTE_MS;

export type WindowPhase = 'before' | 'open' | 'closed';

/** Where `now` stands against a call's window; it opens at `opensAt` and is closed from `closesAt` on. */
export function windowPhase(nowMs: number, opensAtMs: number, closesAtMs: number): WindowPhase {
  if (nowMs < opensAtMs) return 'before';
  return nowMs < closesAtMs ? 'open' : 'closed';
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "Fri 4 Dec, 18:20" on `timeZone`'s clocks. */
export function formatDayAndTime(instant: string | number, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(DATE_LOCALE, { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
    dayFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${parts.weekday} ${parts.day} ${parts.month}, ${zonedHhmm(instant, timeZone)}`;
}

/** Whole minutes until `untilMs`, rounded up: "in 1 min" for the last minute, never "in 0 min". */
export const minutesUntil = (nowMs: number, untilMs: number) => Math.max(1, Math.ceil((untilMs - nowMs) / MINUTE_MS));

/** The disabled join button's words before the window: "Join opens in 12 min", or "Opens Fri 4 Dec, 18:20" further out. */
export function joinOpensLabel(nowMs: number, opensAtMs: number, timeZone: string): string {
  return opensAtMs - nowMs <= JOIN_COUNTDOWN_FROM_MS ? `Join opens in ${minutesUntil(nowMs, opensAtMs)} min` : `Opens ${formatDayAndTime(opensAtMs, timeZone)}`;
}

export type TimerPhase = 'before' | 'running' | 'ending' | 'over';

export interface TimerState {
  phase: TimerPhase;
  /** "Starts in 3:20", "12:05 left", "Over by 2 min". */
  label: string;
  /** Said in words as well, so the state never rests on colour alone. */
  note: string | null;
  color: 'green' | 'orange' | 'red';
}

/** The session timer at `now`: counting down to the start, then to the scheduled end, then how far past it. */
export function sessionTimerState(nowMs: number, startsAtMs: number, endsAtMs: number): TimerState {
  if (nowMs < startsAtMs) {
    return { phase: 'before', label: `Starts in ${formatCountdown(Math.ceil((startsAtMs - nowMs) / 1000))}`, note: null, color: 'green' };
  }
  const leftMs = endsAtMs - nowMs;
  if (leftMs <= 0) {
    return { phase: 'over', label: `Over by ${Math.max(1, Math.floor(-leftMs / MINUTE_MS))} min`, note: 'Past the scheduled end', color: 'red' };
  }
  const label = `${formatCountdown(Math.ceil(leftMs / 1000))} left`;
  return leftMs <= ENDING_SOON_MS ? { phase: 'ending', label, note: 'Ending soon', color: 'orange' } : { phase: 'running', label, note: null, color: 'green' };
}
