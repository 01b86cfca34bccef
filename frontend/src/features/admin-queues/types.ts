import { z } from 'zod';

/** The admin queues, as GET /api/admin/queues and the socket's `admin:queues` name them. */
export const adminQueues = ['applications', 'disputes', 'reviews', 'withdrawals'] as const;
export type AdminQueue = (typeof adminQueues)[number];

/** GET /api/admin/queues: how many items wait for an admin in each queue. */
export const adminQueueCountsSchema = z.object({
  /** Mentor applications waiting for a decision. */
  applications: z.number().int().nonnegative(),
  /** Open disputes. */
  disputes: z.number().int().nonnegative(),
  /** Reported reviews not yet looked at. */
  reviews: z.number().int().nonnegative(),
  /** Withdrawals waiting for approval. */
  withdrawals: z.number().int().nonnegative(),
});

export type AdminQueueCounts = z.infer<typeof adminQueueCountsSchema>;

/** `admin:queues` on the notifications socket: one queue changed; `counts` (every queue's, read after the change) when the server sends them. */
export const adminQueuesEventSchema = z.object({
  queue: z.enum(adminQueues),
  counts: adminQueueCountsSchema.optional(),
});
