/**
 * The instant the journeys run at. TEST_NOW moves it (CI runs the journeys a second time with the clock just
 * before a month end and a daylight-saving change); otherwise it is the real time. The app's server
 * (CLOCK_START) and every browser page (Playwright's clock) start at it and run on together, so the journeys
 * pick their dates relative to this, never to the machine's calendar.
 */
const realStart = Date.now();
const start = process.env.TEST_NOW ? new Date(process.env.TEST_NOW) : new Date(realStart);
if (Number.isNaN(start.getTime())) throw new Error(`TEST_NOW must be an ISO date-time, got "${process.env.TEST_NOW}"`);

/** Now, on the journeys' clock. */
export const e2eNow = (): Date => new Date(start.getTime() + (Date.now() - realStart));
