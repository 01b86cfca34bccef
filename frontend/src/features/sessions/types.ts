import { z } from 'zod';

/** Response shapes of the sessions API: a booking's call, and the mentor's notes on it. */

/** When a booking's call can be entered: 10 minutes before the start until 15 minutes after the end. */
export const meetingWindowSchema = z.object({ opensAt: z.string(), closesAt: z.string() });
export type MeetingWindow = z.infer<typeof meetingWindowSchema>;

export const meetingSchema = meetingWindowSchema.extend({
  /** Public Jitsi (no token), Jitsi as a Service (8x8, "<appId>/<room>"), or our own Jitsi with JWT auth. */
  provider: z.enum(['jitsi', 'jaas', 'jitsi_jwt']),
  domain: z.string(),
  roomName: z.string(),
  jwt: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  role: z.enum(['mentor', 'student']),
  displayName: z.string(),
});

export type Meeting = z.infer<typeof meetingSchema>;

export const sessionNotesSchema = z.object({ text: z.string(), updatedAt: z.string().nullable() });
export type SessionNotes = z.infer<typeof sessionNotesSchema>;
