#!/usr/bin/env node
// Fails when the runtime import graph of backend/src or frontend/src has a cycle. Type-only imports are
// erased by the compiler, so they are left out; everything else (import, export … from, side-effect
// imports, dynamic import()) counts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['backend/src', 'frontend/src'];
const exts = ['.ts', '.tsx'];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return exts.includes(path.extname(name)) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), ...exts.map((e) => base + e), ...exts.map((e) => path.join(base, `index${e}`))];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile() && exts.includes(path.extname(c)));
}

const importPattern = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\bfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

const graph = new Map();
for (const root of roots) {
  for (const file of files(root)) {
    const source = readFileSync(file, 'utf8');
    const deps = new Set();
    for (const match of source.matchAll(importPattern)) {
      const target = resolve(file, match[1] ?? match[2]);
      if (target) deps.add(target);
    }
    graph.set(path.resolve(file), deps);
  }
}

// Tarjan's strongly connected components: any component with more than one file (or a self-import) is a cycle.
let index = 0;
const stack = [];
const meta = new Map();
const cycles = [];
function visit(node) {
  meta.set(node, { index, low: index, onStack: true });
  index++;
  stack.push(node);
  for (const dep of graph.get(node) ?? []) {
    if (!graph.has(dep)) continue;
    if (!meta.has(dep)) {
      visit(dep);
      meta.get(node).low = Math.min(meta.get(node).low, meta.get(dep).low);
    } else if (meta.get(dep).onStack) {
      meta.get(node).low = Math.min(meta.get(node).low, meta.get(dep).index);
    }
  }
  if (meta.get(node).low === meta.get(node).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      meta.get(member).onStack = false;
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.has(node)) cycles.push(component);
  }
}
for (const node of graph.keys()) if (!meta.has(node)) visit(node);

if (cycles.length) {
  console.error(`Import cycles found (${cycles.length}):`);
  for (const cycle of cycles) console.error(`  ${cycle.map((f) => path.relative(process.cwd(), f)).join(' ⇄ ')}`);
  process.exit(1);
}
console.log(`No import cycles among ${graph.size} files.`);
