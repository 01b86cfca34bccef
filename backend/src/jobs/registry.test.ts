import { readFileSync } from 'node:fs';
import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobCommand } from '../cli.js';
import { createTestApp, jobServicesOf, type TestApp } from '../test-support/test-app.js';
import { findJob, JOBS, jobNames, runJob } from './registry.js';

// The registry names every background job once; the scheduler, `npm run job` and these tests all read it.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('the job registry', () => {
  it('when read, then every job has a unique name, a valid schedule and a description, and the README lists it for `npm run job`', () => {
    expect(new Set(jobNames).size).toBe(JOBS.length);
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const job of JOBS) {
      expect(cron.validate(job.schedule), `${job.name}: ${job.schedule}`).toBe(true);
      expect(job.description.length).toBeGreaterThan(10);
      expect(readme, `README names ${job.name}`).toContain(`\`${job.name}\``);
    }
  });

  it('when every job runs on an empty database at a chosen instant, then each finds nothing due and says so', async () => {
    await t.settle();
    const now = new Date('2031-02-03T04:05:06.000Z');
    const services = jobServicesOf(t);
    for (const job of JOBS) expect(await runJob(job, services, now), job.name).toBe(0);
  });

  it('when `npm run job` is given a name, then it runs that job of the registry at --now; an unknown name lists the registry', async () => {
    const line = await runJobCommand(['expire-holds', '--now', '2031-02-03T04:05:06.000Z'], t.config, t.database);
    expect(line).toBe('expire-holds: 0 handled (now = 2031-02-03T04:05:06.000Z)');
    await expect(runJobCommand(['no-such-job'], t.config, t.database)).rejects.toThrow(`Jobs: ${jobNames.join(' | ')}`);
    await expect(runJobCommand(['expire-holds', '--now', 'tuesday'], t.config, t.database)).rejects.toThrow(/--now needs an ISO date-time/);
    expect(findJob('deliver-outbox')?.name).toBe('deliver-outbox');
  });
});
