import { z } from 'zod';
import { apiClient } from '@/lib/api-client';

export const attendanceInputSchema = z.object({ type: z.enum(['joined', 'left', 'heartbeat']) });
export type AttendanceType = z.infer<typeof attendanceInputSchema>['type'];

/**
 * POST /api/bookings/:id/attendance (204): the viewer joined, left, or is still in the call. The server
 * turns these into intervals and settles the booking on them (no-shows, attendance %). 409
 * `meeting_not_open` once the window has closed. Sent from the call's events and a timer rather than
 * from a button, so there is no mutation hook: see hooks/use-attendance.
 */
export async function recordAttendance({ id, type }: { id: string; type: AttendanceType }): Promise<void> {
  await apiClient.post(`/api/bookings/${encodeURIComponent(id)}/attendance`, attendanceInputSchema.parse({ type }));
}
