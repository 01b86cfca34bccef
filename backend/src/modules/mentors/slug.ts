/** Words that are routes under /mentors/ and so can never be a mentor's slug. */
const RESERVED = new Set(['me', 'applications', 'new', 'search', 'facets', 'admin']);

/** "Asha Rao" → "asha-rao"; accents are folded, anything else non-alphanumeric becomes a single hyphen. */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  if (!base) return 'mentor';
  return RESERVED.has(base) ? `${base}-mentor` : base;
}

/** The first free candidate: base, base-2, base-3, … given the slugs already taken with that base. */
export function nextFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
