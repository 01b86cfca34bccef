import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// scripts/check-layout.mjs guards what ESLint's import rules cannot see; here it is shown to pass on our tree and
// to fail, naming the file, on each kind of break.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const check = (srcDir: string) => spawnSync(process.execPath, ['scripts/check-layout.mjs', srcDir], { cwd: repoRoot, encoding: 'utf8' });

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mc-layout-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const tables = {
  'modules/bookings/bookings.tables.ts': "export const bookings = pgTable('bookings', {});",
  'modules/availability/availability.tables.ts': "export const slots = pgTable('slots', {});",
};

describe('layout check', () => {
  it('when run on the product, then every rule holds', () => {
    const result = check('backend/src');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Layout rules hold: \d+ tables in \d+ modules/);
  });

  it('when a module names another module’s table in raw SQL, writes bookings outside the transitions, or imports the SDK, then it fails naming each', () => {
    const dir = tree({
      ...tables,
      'modules/bookings/bookings.service.ts': [
        'const a = sql`select title from slots s where s.id = ${id}`;',
        'await tx.update(bookings).set({ status: "cancelled" });',
        'await db.execute(sql`update bookings set status = ${s}`);',
      ].join('\n'),
      'modules/bookings/bookings.transitions.ts': 'await tx.update(bookings).set({ status: "confirmed" });',
      'modules/availability/availability.service.ts': 'const own = sql`select * from slots`;',
      'lib/report.ts': 'const all = sql`select count(*) from bookings`;',
      'modules/reviews/reviews.service.ts': "import Razorpay from 'razorpay';",
    });
    const result = check(dir);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('  '));
    expect(lines).toHaveLength(5);
    expect(result.stderr).toContain(`bookings.service.ts:1: raw SQL names availability's table "slots"`);
    expect(result.stderr).toContain('bookings.service.ts:2: writes the bookings table');
    expect(result.stderr).toContain('bookings.service.ts:3: writes the bookings table');
    expect(result.stderr).toContain(`report.ts:1: raw SQL names bookings's table "bookings"`);
    expect(result.stderr).toContain('reviews.service.ts: imports the razorpay SDK');
    // A module's own table, and the one writer, are fine.
    expect(result.stderr).not.toMatch(/availability\.service\.ts:\d/);
    expect(result.stderr).not.toMatch(/bookings\.transitions\.ts:\d/);
  });
});
