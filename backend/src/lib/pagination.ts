import { z } from 'zod';

/** `page` ≥ 1; `limit` above the maximum is clamped rather than refused, as the API promises. */
export function paginationQuery(options: { defaultLimit?: number; maxLimit?: number } = {}) {
  const { defaultLimit = 20, maxLimit = 100 } = options;
  return z.object({
    page: z.coerce.number('page must be a number').int('page must be a whole number').min(1, 'page must be 1 or more').default(1),
    limit: z.coerce
      .number('limit must be a number')
      .int('limit must be a whole number')
      .min(1, 'limit must be 1 or more')
      .default(defaultLimit)
      .transform((n) => Math.min(n, maxLimit)),
  });
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), page: z.number().int(), limit: z.number().int(), total: z.number().int() });

export const offsetOf = (page: number, limit: number) => (page - 1) * limit;

export const idParams = z.object({ id: z.uuid('Not a valid id') });
