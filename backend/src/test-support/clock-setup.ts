import { clockStartingAt, setClock } from '../lib/clock.js';

/**
 * Every test file's process starts its clock at TEST_NOW when it is set (CI runs the time-sensitive suites a
 * second time with the clock moved across a month end and a daylight-saving change); otherwise at the real time.
 * Tests pick their dates from `clock.now()`, never from the machine's calendar.
 */
const testNow = process.env.TEST_NOW;
if (testNow) {
  const start = new Date(testNow);
  if (Number.isNaN(start.getTime())) throw new Error(`TEST_NOW must be an ISO date-time, got "${testNow}"`);
  setClock(clockStartingAt(start));
}
