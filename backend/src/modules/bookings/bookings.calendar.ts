import { createEvent } from 'ics';
import type { BookingRow } from './bookings.transitions.js';

export interface CalendarBooking {
  id: string;
  code: string;
  startsAt: Date;
  endsAt: Date;
  topic: string;
  agenda: string;
  mentor: { name: string; email: string };
  student: { name: string; email: string };
  url: string;
  /** Grows with every change (reschedule, cancellation) so calendars replace the earlier invite. */
  sequence: number;
  cancelled?: boolean;
}

/** An iCalendar invite (RFC 5545) for a booking, in UTC; calendars show it in their own zone. */
export function bookingCalendar(b: CalendarBooking): string {
  const { error, value } = createEvent({
    productId: 'mentor-connect/bookings',
    method: b.cancelled ? 'CANCEL' : 'REQUEST',
    uid: `${b.id}@mentor-connect`,
    sequence: b.sequence,
    start: b.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: b.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `Mentor Connect: ${b.topic} (${b.code})`,
    description: [`Session with ${b.mentor.name} and ${b.student.name}.`, b.agenda ? `Agenda: ${b.agenda}` : '', `Join and manage: ${b.url}`].filter(Boolean).join('\n\n'),
    url: b.url,
    status: b.cancelled ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: 'Mentor Connect', email: 'no-reply@mentor-connect.local' },
    attendees: [
      { name: b.mentor.name, email: b.mentor.email, rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' },
      { name: b.student.name, email: b.student.email, rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' },
    ],
  });
  if (error || !value) throw error ?? new Error('calendar event could not be created');
  return value;
}

/** "Wed, 25 Nov 2026, 18:30–19:30 (Asia/Kolkata)": a session's time as its reader's clock shows it. */
export function formatWhen(startsAt: Date, endsAt: Date, timeZone: string): string {
  const { day, time } = formatsFor(timeZone);
  return `${day.format(startsAt)}, ${time.format(startsAt)}–${time.format(endsAt)} (${timeZone})`;
}

// Date formats are costly to build and there are only so many zones: each is built once.
const formats = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
function formatsFor(timeZone: string) {
  let found = formats.get(timeZone);
  if (!found) {
    found = {
      day: new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
      time: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
    formats.set(timeZone, found);
  }
  return found;
}

/** Who an invite names: the mentor and the student. */
export type CalendarPeople = { mentor: { name: string; email: string }; student: { name: string; email: string } };

type InvitedBooking = Pick<BookingRow, 'id' | 'code' | 'startsAt' | 'endsAt' | 'topic' | 'agenda' | 'rescheduleCount' | 'status'>;

/** A booking's invite text; once it is cancelled, the cancellation (same UID, next sequence). */
export function calendarText(publicUrl: string, b: InvitedBooking, people: CalendarPeople): string {
  return bookingCalendar({
    id: b.id,
    code: b.code,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    topic: b.topic,
    agenda: b.agenda,
    mentor: { name: people.mentor.name, email: people.mentor.email },
    student: { name: people.student.name, email: people.student.email },
    url: `${publicUrl}/bookings/${b.id}`,
    sequence: b.rescheduleCount + (b.status === 'cancelled' ? 1 : 0),
    cancelled: b.status === 'cancelled',
  });
}

/** The invite as an email attachment; once the booking is cancelled, the cancellation that takes it off both calendars. */
export function calendarAttachment(publicUrl: string, b: InvitedBooking, people: CalendarPeople) {
  const method = b.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
  return { filename: `${b.code}.ics`, contentType: `text/calendar; charset=utf-8; method=${method}`, content: calendarText(publicUrl, b, people) };
}
