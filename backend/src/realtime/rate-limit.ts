/**
 * A sliding-window limit for one connection: `allow()` is true for at most `count` calls in any `windowMs`. It reads
 * the process's monotonic time (a rate, not a date: nothing here depends on the calendar).
 */
export function createRateLimiter(count: number, windowMs: number, now: () => number = () => performance.now()): () => boolean {
  const recent: number[] = [];
  return () => {
    const t = now();
    while (recent.length > 0 && recent[0]! <= t - windowMs) recent.shift();
    if (recent.length >= count) return false;
    recent.push(t);
    return true;
  };
}
