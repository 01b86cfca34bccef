import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '../../db/client.js';
import { openDisputesCount } from '../disputes/disputes.service.js';
import { pendingApplicationsCount } from '../mentors/mentors.service.js';
import { requestedWithdrawalsCount } from '../payouts/payouts.service.js';
import { reportedReviewsCount } from '../reviews/reviews.service.js';

export const adminQueueCountsSchema = z
  .object({
    applications: z.number().int().describe('Mentor applications waiting for a decision'),
    disputes: z.number().int().describe('Open disputes'),
    reviews: z.number().int().describe('Reported reviews not yet looked at'),
    withdrawals: z.number().int().describe('Withdrawals waiting for approval'),
  })
  .meta({ id: 'AdminQueueCounts' });
export type AdminQueueCounts = z.infer<typeof adminQueueCountsSchema>;

export type AdminQueue = keyof AdminQueueCounts;

/** What waits in each admin queue, in one statement (each module counts its own queue). */
export async function adminQueueCounts(db: Db): Promise<AdminQueueCounts> {
  const [row] = rowsOf<AdminQueueCounts>(
    await db.execute(
      sql`select ${pendingApplicationsCount()} as applications, ${openDisputesCount()} as disputes, ${reportedReviewsCount()} as reviews, ${requestedWithdrawalsCount()} as withdrawals`,
    ),
  );
  return { applications: Number(row!.applications), disputes: Number(row!.disputes), reviews: Number(row!.reviews), withdrawals: Number(row!.withdrawals) };
}
