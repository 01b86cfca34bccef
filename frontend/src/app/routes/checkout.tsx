import { useParams, useSearchParams } from 'react-router-dom';
import { paths } from '@/config/paths';
import { useMentorAvailability } from '@/features/availability/api/get-mentor-availability';
import type { PublicAvailability } from '@/features/availability/types';
import { CheckoutPage, type CheckoutItemState } from '@/features/bookings/pages/checkout-page';
import { useMentor } from '@/features/mentors/api/get-mentor';
import type { MentorProfile } from '@/features/mentors/types';
import { ApiError } from '@/lib/api-client';
import { zonedParts } from '@/lib/time-zone-clock';
import { useViewerTimeZone } from './viewer-time-zone';

/** What a checkout link asks for: a mentor's 1-to-1 time (start and length), or one of their slots. */
export type CheckoutRequest = { type: 'time'; startsAt: string; durationMinutes: 30 | 60 } | { type: 'slot'; slotId: string; startsAt: string };

/** Reads the query of /book/:slug (see paths.app.checkout); null for a link that doesn't say what to book. */
export function parseCheckoutRequest(search: URLSearchParams): CheckoutRequest | null {
  const start = search.get('start') ?? '';
  const startMs = Date.parse(start);
  if (!start || Number.isNaN(startMs)) return null;
  const startsAt = new Date(startMs).toISOString();
  const slotId = search.get('slot');
  if (slotId) return { type: 'slot', slotId, startsAt };
  const duration = Number(search.get('duration'));
  return duration === 30 || duration === 60 ? { type: 'time', startsAt, durationMinutes: duration } : null;
}

const unavailable = (title: string, message: string): CheckoutItemState => ({ status: 'unavailable', title, message });

/**
 * Puts the checkout's item together from the mentor's public profile and, for a slot, the mentor's
 * public availability on that day. Pure, so each way a link can go stale is easy to see (and test).
 */
export function checkoutItemState({
  request,
  mentor,
  mentorError,
  availability,
  now,
}: {
  request: CheckoutRequest | null;
  mentor: MentorProfile | undefined;
  mentorError: unknown;
  availability: PublicAvailability | undefined;
  now: number;
}): CheckoutItemState | { status: 'loading' } | { status: 'failed'; error: unknown } {
  if (!request) return unavailable('This link doesn’t name a time', 'Pick a time on the mentor’s page to book it.');
  if (mentorError) {
    return mentorError instanceof ApiError && mentorError.status === 404
      ? unavailable('Mentor not found', 'This mentor doesn’t exist or is no longer on Mentor Connect.')
      : { status: 'failed', error: mentorError };
  }
  if (!mentor) return { status: 'loading' };
  if (!mentor.acceptingBookings) return unavailable('Not accepting bookings', `${mentor.name} has paused new bookings. Check back later.`);
  if (Date.parse(request.startsAt) <= now) return unavailable('This time has passed', 'Pick another time on the mentor’s page.');
  const summary = { slug: mentor.slug, name: mentor.name, avatarUrl: mentor.avatarUrl, headline: mentor.headline };

  if (request.type === 'time') {
    if (!mentor.sessionLengths.includes(request.durationMinutes)) {
      return unavailable(`No ${request.durationMinutes}-minute sessions`, `${mentor.name} doesn’t offer this length. Pick another on their page.`);
    }
    return {
      status: 'ready',
      item: {
        mentor: summary,
        startsAt: request.startsAt,
        endsAt: new Date(Date.parse(request.startsAt) + request.durationMinutes * 60_000).toISOString(),
        durationMinutes: request.durationMinutes,
        pricePaise: request.durationMinutes === 30 ? mentor.price30Paise : mentor.price60Paise,
        slot: null,
      },
    };
  }

  if (!availability) return { status: 'loading' };
  const slot = availability.groupSlots.find((candidate) => candidate.id === request.slotId);
  if (!slot || slot.status !== 'published') return unavailable('This session isn’t available', 'It may have been cancelled or moved. Pick another on the mentor’s page.');
  if (slot.seatsLeft <= 0) return unavailable('This session is full', 'Every seat has been taken. Pick another on the mentor’s page.');
  return {
    status: 'ready',
    item: {
      mentor: summary,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      durationMinutes: slot.durationMinutes,
      pricePaise: slot.pricePaise,
      slot: { id: slot.id, title: slot.title, group: slot.kind === 'group', seatsLeft: slot.seatsLeft },
    },
  };
}

/** /book/:slug — the bookings feature's checkout, fed by the mentors and availability features. */
export function CheckoutRoute() {
  const { slug = '' } = useParams();
  const [search] = useSearchParams();
  const timeZone = useViewerTimeZone();
  const request = parseCheckoutRequest(search);
  const mentor = useMentor(slug);
  // A slot's title, price and seats come from the mentor's public availability on the slot's day.
  const slotDay = request?.type === 'slot' ? zonedParts(request.startsAt, timeZone).date : null;
  const lookupLength = mentor.data?.sessionLengths.find((length): length is 30 | 60 => length === 30 || length === 60) ?? 60;
  const availability = useMentorAvailability(
    { slug, from: slotDay ?? '', to: slotDay ?? '', durationMinutes: lookupLength, timeZone },
    { enabled: slotDay !== null && mentor.isSuccess },
  );

  const state = checkoutItemState({
    request,
    mentor: mentor.data,
    mentorError: mentor.error,
    availability: availability.data,
    now: Date.now(),
  });
  const failed = state.status === 'failed' ? state.error : availability.error;
  const pageState: CheckoutItemState =
    state.status === 'failed' || (state.status === 'loading' && availability.isError)
      ? {
          status: 'error',
          message: failed instanceof Error ? failed.message : 'Please try again.',
          onRetry: () => void (mentor.isError ? mentor.refetch() : availability.refetch()),
        }
      : state;

  return <CheckoutPage key={search.toString()} state={pageState} timeZone={timeZone} mentorHref={paths.mentors.profile.getHref(slug)} />;
}
