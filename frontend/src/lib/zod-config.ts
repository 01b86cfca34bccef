import { z } from 'zod';

// The page's Content-Security-Policy allows no eval: zod's compiled parsers would probe for it with
// `new Function('')` (a violation report on every page), so it runs its interpreted parsers instead.
// Imported first by main.tsx, before any module parses with zod at import time (config/env.ts does).
z.config({ jitless: true });
