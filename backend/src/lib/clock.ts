/**
 * Where "now" comes from. Everything time-dependent in the product (holds, refund tiers, notice, jobs) asks this
 * one clock, never `new Date()`, so a test or a demo can stand the whole process at another instant and nothing
 * disagrees. The composition root sets it once: the server from CLOCK_START, the job runner from `--now`, tests
 * from TEST_NOW. Services still take an explicit `now` where a caller (a job, a test) decides the instant; their
 * default is this clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that reads `start` at the moment it is made and runs on from there at the real pace. */
export function clockStartingAt(start: Date, real: Clock = systemClock): Clock {
  if (Number.isNaN(start.getTime())) throw new Error('a clock needs a valid start instant');
  const offsetMs = start.getTime() - real.now().getTime();
  return { now: () => new Date(real.now().getTime() + offsetMs) };
}

/** A clock that stands still at `instant` (a job run with `--now`). */
export function fixedClock(instant: Date): Clock {
  return { now: () => new Date(instant.getTime()) };
}

let current: Clock = systemClock;

/** The process's clock. */
export const clock: Clock = { now: () => current.now() };

/** Sets the process's clock and returns the one it replaces; only composition roots (server, job runner, tests) call this. */
export function setClock(next: Clock): Clock {
  const previous = current;
  current = next;
  return previous;
}
