import { z } from 'zod';

// The page's Content-Security-Policy allows no eval: zod's compiled parsers would probe for it with
// `new Function('')` (a violation report on every page), so it runs its interpreted parsers instead.
// Imported first by main.tsx and by config/env.ts (which parses at import time), so it runs before any parse
// whichever chunk the bundler puts them in.
z.config({ jitless: true });
