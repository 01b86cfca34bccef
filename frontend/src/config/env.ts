// First: zod must be told not to probe for eval before this module parses (see lib/zod-config.ts).
import '@/lib/zod-config';
import { z } from 'zod';

const envSchema = z.object({
  // '' means "same origin": the backend serves this app in production and Vite proxies /api in development.
  API_URL: z
    .union([z.literal(''), z.url({ protocol: /^https?$/ })])
    .default('')
    .transform((url) => url.replace(/\/+$/, '')),
});

export type Env = z.infer<typeof envSchema>;

function parseEnv(): Env {
  const result = envSchema.safeParse({ API_URL: import.meta.env.VITE_API_URL });
  if (!result.success) {
    throw new Error(`Invalid frontend environment (check your VITE_* variables):\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export const env = parseEnv();
