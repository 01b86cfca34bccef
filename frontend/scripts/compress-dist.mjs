#!/usr/bin/env node
// Precompresses the built app (frontend/dist) once, at build time: every text asset gets a brotli (.br, quality 11)
// and a gzip (.gz, level 9) copy beside it, which the server sends to a browser that accepts them (the server never
// compresses on a request). Files under 1 KB, and copies not smaller than the original, are left out.
// Usage: node scripts/compress-dist.mjs [dir]   (run by `npm run build -w frontend` after vite build)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(process.argv[2] ?? new URL('../dist', import.meta.url).pathname);
const TEXT = /\.(js|mjs|css|html|svg|json|txt|xml|webmanifest|map)$/;
const MIN_BYTES = 1024;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

let raw = 0;
let br = 0;
let gz = 0;
let count = 0;
for (const file of files(root).filter((f) => TEXT.test(f))) {
  const content = readFileSync(file);
  if (content.length < MIN_BYTES) continue;
  const brotli = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
  const gzip = gzipSync(content, { level: 9 });
  if (brotli.length < content.length) writeFileSync(`${file}.br`, brotli);
  if (gzip.length < content.length) writeFileSync(`${file}.gz`, gzip);
  raw += content.length;
  br += Math.min(brotli.length, content.length);
  gz += Math.min(gzip.length, content.length);
  count++;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`compress-dist: ${count} files, ${kb(raw)} raw → ${kb(br)} brotli, ${kb(gz)} gzip`);
