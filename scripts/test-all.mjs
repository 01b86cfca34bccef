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

function run(name, command, args, { vitestReport } = {}) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}: ${command} ${args.join(' ')}\n`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  const ok = child.status === 0;
  const result = { name, ok, seconds: (Date.now() - started) / 1000, passed: 0, failed: 0, skipped: 0, counted: false };
  if (vitestReport && existsSync(vitestReport)) {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
    Object.assign(result, { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests, counted: true });
    // A suite that failed to load reports no failed tests; count it so it can't pass silently.
    if (!ok && result.failed === 0) result.failed = 1;
  } else {
    result[ok ? 'passed' : 'failed'] = 1;
  }
  results.push(result);
  return ok;
}

const vitest = (name, config, cwdArgs) => {
  const out = path.join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  return run(name, 'npx', ['vitest', 'run', ...cwdArgs, '-c', path.resolve(config), '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { vitestReport: out });
};

run('typecheck backend', 'npm', ['run', '--silent', 'typecheck', '-w', 'backend']);
run('typecheck frontend', 'npm', ['run', '--silent', 'typecheck', '-w', 'frontend']);
run('lint', 'npx', ['eslint', '--max-warnings=0', 'backend', 'frontend', 'scripts', 'bench']);
run('import cycles', 'node', ['scripts/check-cycles.mjs']);
const built = run('build', 'npm', ['run', '--silent', 'build']);
vitest('backend tests', 'backend/vitest.config.ts', ['--root', 'backend']);
vitest('frontend tests', 'frontend/vitest.config.ts', ['--root', 'frontend']);
if (built) {
  vitest('browser journeys', 'frontend/vitest.e2e.config.ts', ['--root', 'frontend']);
} else {
  results.push({ name: 'browser journeys', ok: false, passed: 0, failed: 1, skipped: 0, seconds: 0, counted: false });
}

const total = results.reduce((acc, r) => ({ passed: acc.passed + r.passed, failed: acc.failed + r.failed, skipped: acc.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
process.stdout.write('\nSummary\n');
for (const r of results) {
  const detail = r.counted ? `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped` : r.ok ? 'ok' : 'FAILED';
  process.stdout.write(`  ${r.ok ? '✓' : '✗'} ${r.name.padEnd(20)} ${detail} (${r.seconds.toFixed(1)} s)\n`);
}
process.stdout.write(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
