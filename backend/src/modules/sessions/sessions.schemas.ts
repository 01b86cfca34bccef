import { z } from 'zod';

export const meetingSchema = z
  .object({
    provider: z.enum(['jitsi', 'jaas', 'jitsi_jwt']),
    domain: z.string(),
    roomName: z.string().meta({ description: 'An HMAC of the booking (or group slot) and a server secret; `<appId>/<room>` on JaaS' }),
    jwt: z.string().nullable().meta({ description: 'A room token bound to this room, valid until the call closes (token-protected services only)' }),
    opensAt: z.string(),
    closesAt: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    role: z.enum(['mentor', 'student']),
    displayName: z.string(),
  })
  .meta({ id: 'Meeting' });

export const attendanceSignalSchema = z.strictObject({ type: z.enum(['joined', 'left', 'heartbeat'], 'Must be "joined", "left" or "heartbeat"') }).meta({ id: 'AttendanceSignal' });

export const attendanceSchema = z
  .object({
    participants: z.array(
      z.object({
        userId: z.uuid(),
        role: z.enum(['mentor', 'student']),
        percent: z.number().int().meta({ description: 'Share of the scheduled time present (union of the evidence), floored' }),
        seconds: z.number().int(),
        intervals: z.array(z.object({ from: z.string(), to: z.string() })),
      }),
    ),
  })
  .meta({ id: 'Attendance' });

export const notesSchema = z.object({ text: z.string(), updatedAt: z.string().nullable() }).meta({ id: 'SessionNotes' });
export const saveNotesSchema = z.strictObject({ text: z.string('Must be text').max(5000, 'At most 5,000 characters') }).meta({ id: 'SaveSessionNotes' });
