import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

/**
 * The built web app's files, as a browser should get them: the brotli or gzip copy made at build time
 * (frontend/scripts/compress-dist.mjs) when the browser accepts it — with `Content-Encoding`, `Vary: Accept-Encoding`
 * and the original's content type — and nothing compressed on a request. Files under `/assets/` carry a hash in
 * their names, so they are cached for a year and never asked for again (`immutable`); the rest (the icon, robots.txt)
 * for an hour. The directory is read once, at start-up: a request costs a map lookup.
 */

const YEAR_SECONDS = 365 * 24 * 3600;

export interface Entry {
  file: string;
  br: string | null;
  gzip: string | null;
  immutable: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** The files of `root` by URL path (`/assets/index-abc.js`), each with its compressed copies. */
export function staticEntries(root: string): Map<string, Entry> {
  const all = new Set(walk(root));
  const entries = new Map<string, Entry>();
  for (const file of all) {
    if (file.endsWith('.br') || file.endsWith('.gz')) continue;
    const url = `/${path.relative(root, file).split(path.sep).join('/')}`;
    entries.set(url, {
      file,
      br: all.has(`${file}.br`) ? `${file}.br` : null,
      gzip: all.has(`${file}.gz`) ? `${file}.gz` : null,
      immutable: url.startsWith('/assets/'),
    });
  }
  return entries;
}

/**
 * How `entry` is sent: its brotli copy if the browser accepts brotli at all, else its gzip copy if it accepts gzip,
 * else itself. Ours is the order of preference: browsers list `gzip, deflate, br` with equal weight, and brotli is the
 * smaller.
 */
export function variantFor(entry: Entry, accepts: (encoding: string) => boolean): { file: string; encoding: 'br' | 'gzip' | null } {
  if (entry.br && accepts('br')) return { file: entry.br, encoding: 'br' };
  if (entry.gzip && accepts('gzip')) return { file: entry.gzip, encoding: 'gzip' };
  return { file: entry.file, encoding: null };
}

/** Serves the files of `entries` (`staticEntries`, read once) but `exclude`; anything else goes on to the next handler. */
export function precompressedStatic(entries: ReadonlyMap<string, Entry>, { exclude = [] }: { exclude?: string[] } = {}): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const entry = exclude.includes(req.path) ? undefined : entries.get(req.path);
    if (!entry) return next();
    const { file, encoding } = variantFor(entry, (encoding) => req.acceptsEncodings(encoding) === encoding);
    // The original's type (send would name a .br file application/octet-stream); send keeps a type already set.
    res.type(path.extname(entry.file));
    res.vary('Accept-Encoding');
    if (encoding) res.set('Content-Encoding', encoding);
    res.set('Cache-Control', entry.immutable ? `public, max-age=${YEAR_SECONDS}, immutable` : 'public, max-age=3600');
    res.sendFile(file, { cacheControl: false, dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };
}

/** index.html, the app's shell, the same way: compressed when accepted, and asked for again on every visit (`no-cache`). */
export function shellSender(entries: ReadonlyMap<string, Entry>): RequestHandler {
  const entry = entries.get('/index.html');
  return (req, res, next) => {
    if (!entry) return next();
    const { file, encoding } = variantFor(entry, (encoding) => req.acceptsEncodings(encoding) === encoding);
    res.type('html');
    res.vary('Accept-Encoding');
    if (encoding) res.set('Content-Encoding', encoding);
    res.set('Cache-Control', 'no-cache');
    res.sendFile(file, { cacheControl: false }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };
}
