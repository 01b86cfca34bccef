import { z } from 'zod';

/** Response shapes of the disputes API. Request schemas live next to the call that sends them. */

export const disputeStatuses = ['open', 'resolved'] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];

export const disputeOutcomes = ['release', 'refund', 'partial'] as const;
export type DisputeOutcome = (typeof disputeOutcomes)[number];

/** A student's report of a problem with a completed session; while it is open, the session's payment stays held. */
export const disputeSchema = z.object({
  id: z.string(),
  bookingId: z.string(),
  bookingCode: z.string(),
  status: z.enum(disputeStatuses),
  reason: z.string(),
  /** Null while open. */
  outcome: z.enum(disputeOutcomes).nullable(),
  /** What went back to the student: the price for a full refund, the admin's amount for a partial one, else null. */
  refundPaise: z.number().int().nullable(),
  /** The admin's note on the decision; null while open. */
  note: z.string().nullable(),
  pricePaise: z.number().int(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  student: z.object({ id: z.string(), name: z.string() }),
  mentor: z.object({ id: z.string(), name: z.string() }),
  startsAt: z.string(),
  endsAt: z.string(),
});

export type Dispute = z.infer<typeof disputeSchema>;

export const bookingDisputeSchema = z.object({ dispute: disputeSchema.nullable() });
export type BookingDispute = z.infer<typeof bookingDisputeSchema>;

export const disputeListSchema = z.object({
  items: z.array(disputeSchema),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});

export type DisputeList = z.infer<typeof disputeListSchema>;

/** One span of time a person was in the call (ISO instants); it may start before or end after the scheduled time. */
export const intervalSchema = z.object({ from: z.string(), to: z.string() });
export type Interval = z.infer<typeof intervalSchema>;

export const attendanceParticipantSchema = z.object({
  userId: z.string(),
  role: z.enum(['mentor', 'student']),
  /** Whole percent (floored) of the scheduled session the person was in the call. */
  percent: z.number(),
  seconds: z.number(),
  intervals: z.array(intervalSchema),
});

export type AttendanceParticipant = z.infer<typeof attendanceParticipantSchema>;

/** The case as the admin decides it: the dispute, both attendance timelines and the mentor's notes. */
export const disputeDetailSchema = disputeSchema.extend({
  attendance: z.object({ participants: z.array(attendanceParticipantSchema) }),
  notes: z.object({ text: z.string(), updatedAt: z.string().nullable() }),
  /** The booking's status (a string, so a status this app doesn't know yet still reads). */
  bookingStatus: z.string().optional(),
});

export type DisputeDetail = z.infer<typeof disputeDetailSchema>;
