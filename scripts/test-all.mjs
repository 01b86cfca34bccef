#!/usr/bin/env node
// The one test command (README): typecheck, lint, build, unit/component tests, browser journeys.
// Every step runs even when an earlier one failed, so one run shows everything that is wrong;
// it ends with a "N passed, N failed" line and a non-zero exit code on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const reportDir = mkdtempSync(path.join(tmpdir(), 'mc-test-report-'));
const results = [];

function run(name, command, args, { vitestReport, env = {} } = {}) {
  const started = Date.now();
  const shownEnv = Object.entries(env).map(([k, v]) => `${k}=${v} `).join('');
  process.stdout.write(`\n▶ ${name}: ${shownEnv}${command} ${args.join(' ')}\n`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', ...env } });
  const ok = child.status === 0;
  const result = { name, ok, seconds: (Date.now() - started) / 1000, passed: 0, failed: 0, skipped: 0, counted: false };
  if (vitestReport && existsSync(vitestReport)) {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
    Object.assign(result, { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests, counted: true });
    // Name what failed, so the summary at the end of a long log says it without scrolling.
    result.failures = report.testResults.flatMap((file) => {
      const failed = file.assertionResults.filter((t) => t.status === 'failed').map((t) => `${path.relative(process.cwd(), file.name)} › ${t.fullName}\n        ${firstLine(t.failureMessages?.[0])}`);
      return failed.length || file.status !== 'failed' ? failed : [`${path.relative(process.cwd(), file.name)} (did not load)\n        ${firstLine(file.message)}`];
    });
    // A suite that failed to load reports no failed tests; count it so it can't pass silently.
    if (!ok && result.failed === 0) result.failed = 1;
  } else {
    result[ok ? 'passed' : 'failed'] = 1;
  }
  results.push(result);
  return ok;
}

const firstLine = (text = '') => text.split('\n').find((line) => line.trim())?.trim().slice(0, 300) ?? '';

const vitest = (name, config, cwdArgs, env = {}) => {
  const out = path.join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  return run(name, 'npx', ['vitest', 'run', ...cwdArgs, '-c', path.resolve(config), '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { vitestReport: out, env });
};

// The time-sensitive suites run once more on a moved clock, so a test that depends on the day, hour or zone it
// runs in fails here on any day: Saturday 27 March 2027, 20:00 UTC is hours before London's clocks go forward
// and four days before a month ends (Kolkata is already on the 28th), and the process zone is New York's.
const MOVED_CLOCK = { TEST_NOW: '2027-03-27T20:00:00Z', TZ: 'America/New_York' };
const TIME_SENSITIVE_BACKEND = ['src/modules/availability', 'src/modules/bookings', 'src/modules/sessions', 'src/modules/auth', 'src/seed.test.ts', 'test/jobs-crash.test.ts'];
const TIME_SENSITIVE_JOURNEYS = ['e2e/availability.e2e.test.ts', 'e2e/bookings.e2e.test.ts'];

run('typecheck backend', 'npm', ['run', '--silent', 'typecheck', '-w', 'backend']);
run('typecheck frontend', 'npm', ['run', '--silent', 'typecheck', '-w', 'frontend']);
run('lint', 'npx', ['eslint', '--max-warnings=0', 'backend', 'frontend', 'scripts', 'bench']);
run('import cycles', 'node', ['scripts/check-cycles.mjs']);
run('layout rules', 'node', ['scripts/check-layout.mjs']);
const built = run('build', 'npm', ['run', '--silent', 'build']);
vitest('backend tests', 'backend/vitest.config.ts', ['--root', 'backend']);
vitest('backend, clock moved', 'backend/vitest.config.ts', ['--root', 'backend', ...TIME_SENSITIVE_BACKEND], MOVED_CLOCK);
vitest('frontend tests', 'frontend/vitest.config.ts', ['--root', 'frontend']);
if (built) {
  vitest('browser journeys', 'frontend/vitest.e2e.config.ts', ['--root', 'frontend']);
  vitest('journeys, clock moved', 'frontend/vitest.e2e.config.ts', ['--root', 'frontend', ...TIME_SENSITIVE_JOURNEYS], MOVED_CLOCK);
} else {
  for (const name of ['browser journeys', 'journeys, clock moved']) results.push({ name, ok: false, passed: 0, failed: 1, skipped: 0, seconds: 0, counted: false });
}

const total = results.reduce((acc, r) => ({ passed: acc.passed + r.passed, failed: acc.failed + r.failed, skipped: acc.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
process.stdout.write('\nSummary\n');
for (const r of results) {
  const detail = r.counted ? `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped` : r.ok ? 'ok' : 'FAILED';
  process.stdout.write(`  ${r.ok ? '✓' : '✗'} ${r.name.padEnd(22)} ${detail} (${r.seconds.toFixed(1)} s)\n`);
  for (const failure of r.failures ?? []) process.stdout.write(`      ✗ ${failure}\n`);
}
process.stdout.write(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
