#!/usr/bin/env node
// The layout rules ESLint's import rules cannot see (DESIGN.md §2, ADR 0009), checked over backend/src:
//  1. raw SQL in a module (a sql`…` template) never names another module's table: read it through that module's
//     service or the view it publishes for joins. db/ and lib/ name no module's table at all;
//  2. one writer of a booking: only modules/bookings/bookings.transitions.ts inserts, updates or deletes `bookings`;
//  3. the payment gateway SDK (`razorpay`) is imported only by the payments module's provider adapter.
// Usage: node scripts/check-layout.mjs [backend/src]   — exits 1 and names every violation.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'backend/src');
const modulesDir = path.join(root, 'modules');

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const isTest = (file) => /\.test\.ts$/.test(file) || file.includes(`${path.sep}test-support${path.sep}`);
const rel = (file) => path.relative(process.cwd(), file);
const lineOf = (source, index) => source.slice(0, index).split('\n').length;

// Which module owns which table: every pgTable('name') in a module's *.tables.ts.
const owner = new Map();
for (const module of existsSync(modulesDir) ? readdirSync(modulesDir) : []) {
  for (const file of files(path.join(modulesDir, module)).filter((f) => f.endsWith('.tables.ts'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/pgTable\(\s*['"]([a-z0-9_]+)['"]/g)) owner.set(match[1], module);
  }
}

/** The text of every sql`…` template in a source file, with where it starts (interpolations left out). */
function sqlTemplates(source) {
  const out = [];
  for (const start of source.matchAll(/\bsql(?:<[^>`]*>)?`/g)) {
    let i = start.index + start[0].length;
    let text = '';
    let depth = 0;
    for (; i < source.length; i++) {
      const c = source[i];
      if (depth === 0 && c === '`') break;
      if (c === '$' && source[i + 1] === '{') {
        depth++;
        i++;
        continue;
      }
      if (depth > 0 && c === '}') {
        depth--;
        text += ' ? ';
        continue;
      }
      if (depth === 0) text += c;
    }
    out.push({ text, index: start.index });
  }
  return out;
}

const problems = [];
const named = /\b(?:from|join|update|into|table|exists)\s+"?([a-z0-9_]+)"?/gi;

for (const file of files(root).filter((f) => !isTest(f))) {
  const source = readFileSync(file, 'utf8');
  const inModule = path.relative(modulesDir, file).split(path.sep);
  const module = inModule.length > 1 && !inModule[0].startsWith('..') ? inModule[0] : null;

  // 1. Raw SQL naming another module's table.
  for (const { text, index } of sqlTemplates(source)) {
    for (const match of text.matchAll(named)) {
      const table = match[1].toLowerCase();
      const tableOwner = owner.get(table);
      if (tableOwner && tableOwner !== module) {
        problems.push(`${rel(file)}:${lineOf(source, index)}: raw SQL names ${tableOwner}'s table "${table}"; use the ${tableOwner} service or the view it publishes`);
      }
    }
  }

  // 2. One writer of bookings.
  const writesBookings = /\.(?:update|insert|delete)\(\s*bookings\s*\)|\b(?:update|insert\s+into|delete\s+from)\s+"?bookings"?\b/g;
  if (!file.endsWith(path.join('modules', 'bookings', 'bookings.transitions.ts'))) {
    for (const match of source.matchAll(writesBookings)) {
      problems.push(`${rel(file)}:${lineOf(source, match.index)}: writes the bookings table; only bookings.transitions.ts changes a booking`);
    }
  }

  // 3. The gateway SDK stays inside the provider adapter.
  if (/from\s+['"]razorpay['"]/.test(source) && !file.endsWith(path.join('modules', 'payments', 'razorpay.provider.ts'))) {
    problems.push(`${rel(file)}: imports the razorpay SDK; only modules/payments/razorpay.provider.ts talks to the gateway`);
  }
}

if (owner.size === 0) problems.push(`${rel(root)}: no module tables found; is this the backend's src folder?`);

if (problems.length) {
  console.error(`Layout rules broken (${problems.length}):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`Layout rules hold: ${owner.size} tables in ${new Set(owner.values()).size} modules; raw SQL, booking writes and the gateway SDK checked.`);
