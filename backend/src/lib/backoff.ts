/**
 * How long to wait before the next attempt of something that failed: exponential from `baseMs` (1×, 2×, 4×, …),
 * capped at `maxMs`. `attempt` counts the attempts made so far (the first retry follows attempt 1).
 */
export function backoffMs(attempt: number, { baseMs, maxMs }: { baseMs: number; maxMs: number }): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
}

/** The instant of the next attempt after `attempt` attempts, from `now`. */
export const nextAttemptAt = (now: Date, attempt: number, policy: { baseMs: number; maxMs: number }) => new Date(now.getTime() + backoffMs(attempt, policy));
