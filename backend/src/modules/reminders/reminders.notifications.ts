import { formatWhen, type UpcomingSeat } from '../bookings/bookings.service.js';
import type { NotifyInput } from '../notifications/notifications.service.js';
import type { ReminderKind } from './reminders.policy.js';

/**
 * What a reminder says, in-app and by email, to each person on their own clock. The 24-hour and 15-minute ones are
 * `session_reminder` notices, the call opening is `session_starting` (two categories of the notification settings).
 */

/** One reminder to tell: about one seat (its student, and for a 1-to-1 session its mentor too), or a group session's mentor about all its seats. */
export interface Reminder {
  eventKey: string;
  kind: ReminderKind;
  startsAt: Date;
  audience: 'both' | 'student' | 'mentor';
  seats: UpcomingSeat[];
}

interface Words {
  publicUrl: string;
  joinOpensMinutesBefore: number;
}

type Person = UpcomingSeat['mentor'];

function startsIn(startsAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.round((startsAt.getTime() - now.getTime()) / 60_000));
  if (minutes >= 120) return `starts in ${Math.round(minutes / 60)} hours`;
  return minutes === 1 ? 'starts in 1 minute' : `starts in ${minutes} minutes`;
}

/** The notices of one reminder: for its student and mentor (1-to-1), its student (a group seat) or its mentor (a group session). */
export function reminderNotices(words: Words, r: Reminder, now: Date): NotifyInput[] {
  const first = r.seats[0]!;
  const group = r.audience !== 'both' && first.slotId !== null;
  const what = group ? `Group session “${first.slotTitle ?? first.topic}”` : `Session ${first.code}`;
  const type = r.kind === 'starting' ? 'session_starting' : 'session_reminder';
  const title = r.kind === 'starting' ? `${what} is starting: join now` : `Reminder: ${what.charAt(0).toLowerCase()}${what.slice(1)} ${startsIn(r.startsAt, now)}`;
  const bookingUrl = `${words.publicUrl}/bookings/${first.bookingId}`;
  const actionUrl = r.kind === 'day_before' ? bookingUrl : `${bookingUrl}/call`;
  const joinHint =
    r.kind === 'starting'
      ? 'The call is open now. Join it from the booking page; you can leave and come back until 15 minutes after the end.'
      : r.kind === 'soon'
        ? `The call opens ${words.joinOpensMinutesBefore} minutes before the start.`
        : null;

  const notice = (person: Person, message: string): NotifyInput => {
    const when = formatWhen(first.startsAt, first.endsAt, person.timeZone);
    return {
      userId: person.id,
      recipient: { name: person.name, email: person.email },
      type,
      title,
      body: `${message} ${when}.`,
      eventKey: r.eventKey,
      data: { bookingId: first.bookingId, kind: r.kind, startsAt: r.startsAt.toISOString(), ...(group && r.audience === 'mentor' ? { slotId: first.slotId } : {}) },
      actionUrl,
      email: { template: 'session-reminder', actionLabel: r.kind === 'day_before' ? 'View booking' : 'Join the call', context: { message, what, when, joinHint } },
    };
  };

  const about = (topic: string) => `about “${topic}”`;
  switch (r.audience) {
    case 'both':
      return [
        notice(first.student, `Your session with ${first.mentor.name} ${about(first.topic)} ${startsIn(r.startsAt, now)}:`),
        notice(first.mentor, `Your session with ${first.student.name} ${about(first.topic)} ${startsIn(r.startsAt, now)}:`),
      ];
    case 'student':
      return [notice(first.student, `Your group session with ${first.mentor.name} ${startsIn(r.startsAt, now)}:`)];
    case 'mentor': {
      const students = r.seats.length === 1 ? '1 student has a seat' : `${r.seats.length} students have a seat`;
      return [notice(first.mentor, `Your group session ${startsIn(r.startsAt, now)} (${students}):`)];
    }
  }
}
