import { json, problem, type Reply, type Routes, type SeenRequest } from './fake-backend';

/**
 * The reviews API (backend reviews.routes.ts) played in memory over the bookings fake's records: one review per
 * completed booking by its student (409 `already_reviewed`, `not_completed`, `not_yours_to_review`), one reply by
 * its mentor (409 `already_replied`), reports by anyone signed in (once each), the admin's queue of reported and
 * hidden reviews with hide / restore, and the public reviews of a mentor. Validation answers 422 naming the field,
 * with the server's messages. Tests assert on what the UI shows and what it sent; nothing here knows a test.
 */

/** The parts of a booking the reviews fake reads. */
export interface ReviewedBooking {
  id: string;
  status: string;
  mentor: { id: string; name: string; slug: string };
  student: { id: string; name: string };
}

export interface FakeReport {
  reporterId: string;
  reason: string;
  at: string;
}

/** A review as the fake stores it; the student's and the mentor's names are read from its booking on each answer. */
export interface FakeReviewRecord {
  id: string;
  bookingId: string;
  rating: number;
  text: string;
  isPublic: boolean;
  hidden: boolean;
  mentorReply: string | null;
  mentorRepliedAt: string | null;
  createdAt: string;
  /** The first report not yet decided on. */
  reportedAt: string | null;
  reports: FakeReport[];
}

let sequence = 0;
const nextId = () => {
  sequence += 1;
  return `e0000000-${String(sequence).padStart(4, '0')}-4000-8000-${String(sequence).padStart(12, '0')}`;
};

/** A five-star public review of `booking`, written an hour after it began, with no reply and no reports. */
export function aReviewRecord(booking: { id: string; startsAt: string }, overrides: Partial<FakeReviewRecord> = {}): FakeReviewRecord {
  return {
    id: nextId(),
    bookingId: booking.id,
    rating: 5,
    text: 'Clear explanations and practical advice.',
    isPublic: true,
    hidden: false,
    mentorReply: null,
    mentorRepliedAt: null,
    createdAt: new Date(new Date(booking.startsAt).getTime() + 2 * 3_600_000).toISOString(),
    reportedAt: null,
    reports: [],
    ...overrides,
  };
}

export interface FakeReviewsOptions {
  viewer: { id: string };
  /** The bookings fake's records, read live: a booking completed meanwhile becomes reviewable. */
  bookings: ReviewedBooking[];
  reviews?: FakeReviewRecord[];
}

export function fakeReviewsBackend({ viewer, bookings, reviews: seeded = [] }: FakeReviewsOptions) {
  const reviews: FakeReviewRecord[] = [...seeded];
  const now = () => new Date(Date.now()).toISOString();
  const bookingOf = (review: FakeReviewRecord) => bookings.find((booking) => booking.id === review.bookingId)!;
  const participantBooking = (id: string) => bookings.find((booking) => booking.id === id && (booking.mentor.id === viewer.id || booking.student.id === viewer.id));

  const invalid = (errors: { path: string; message: string }[]): Reply => ({ status: 422, body: problem(422, 'validation_failed', 'The request is invalid', errors) });
  const conflict = (code: string, detail: string): Reply => ({ status: 409, body: problem(409, code, detail) });
  const notFound = (what: string): Reply => ({ status: 404, body: problem(404, 'not_found', `${what} not found`) });

  function view(review: FakeReviewRecord) {
    const booking = bookingOf(review);
    return {
      id: review.id,
      bookingId: review.bookingId,
      rating: review.rating,
      text: review.text,
      isPublic: review.isPublic,
      hidden: review.hidden,
      studentName: booking.student.name,
      mentorReply: review.mentorReply,
      mentorRepliedAt: review.mentorRepliedAt,
      createdAt: review.createdAt,
    };
  }

  function moderatedView(review: FakeReviewRecord) {
    return { ...view(review), mentorName: bookingOf(review).mentor.name, reportedAt: review.reportedAt, reports: review.reports.map(({ reason, at }) => ({ reason, at })) };
  }

  function create(booking: ReviewedBooking, request: SeenRequest): Reply {
    const body = (request.body ?? {}) as { rating?: unknown; text?: unknown; isPublic?: unknown };
    const errors: { path: string; message: string }[] = [];
    if (typeof body.rating !== 'number' || !Number.isInteger(body.rating)) errors.push({ path: 'rating', message: 'A whole number of stars, 1–5' });
    else if (body.rating < 1) errors.push({ path: 'rating', message: 'At least 1 star' });
    else if (body.rating > 5) errors.push({ path: 'rating', message: 'At most 5 stars' });
    const text = typeof body.text === 'string' ? body.text.trim() : body.text === undefined ? '' : null;
    if (text === null) errors.push({ path: 'text', message: 'Must be text' });
    else if (text.length > 1000) errors.push({ path: 'text', message: 'At most 1,000 characters' });
    if (body.isPublic !== undefined && typeof body.isPublic !== 'boolean') errors.push({ path: 'isPublic', message: 'Must be true or false' });
    if (errors.length) return invalid(errors);
    if (booking.student.id !== viewer.id) return conflict('not_yours_to_review', 'Only the student of a session reviews it');
    if (booking.status !== 'completed') return conflict('not_completed', 'Only a completed session can be reviewed');
    if (reviews.some((review) => review.bookingId === booking.id)) return conflict('already_reviewed', 'You have already reviewed this session');
    const review = aReviewRecord({ id: booking.id, startsAt: now() }, { rating: body.rating as number, text: text ?? '', isPublic: body.isPublic !== false, createdAt: now() });
    reviews.push(review);
    return json(view(review), 201);
  }

  function reply(review: FakeReviewRecord, request: SeenRequest): Reply {
    const raw = (request.body as { text?: unknown } | undefined)?.text;
    if (typeof raw !== 'string') return invalid([{ path: 'text', message: 'Must be text' }]);
    const text = raw.trim();
    if (text.length < 1) return invalid([{ path: 'text', message: 'Write a reply' }]);
    if (text.length > 500) return invalid([{ path: 'text', message: 'At most 500 characters' }]);
    if (review.mentorReply !== null) return conflict('already_replied', 'You have already replied to this review');
    Object.assign(review, { mentorReply: text, mentorRepliedAt: now() });
    return json(view(review));
  }

  function report(review: FakeReviewRecord, request: SeenRequest): Reply {
    const raw = (request.body as { reason?: unknown } | undefined)?.reason;
    if (typeof raw !== 'string') return invalid([{ path: 'reason', message: 'Must be text' }]);
    const reason = raw.trim();
    if (reason.length < 3) return invalid([{ path: 'reason', message: 'Say what is wrong (3–500 characters)' }]);
    if (reason.length > 500) return invalid([{ path: 'reason', message: 'At most 500 characters' }]);
    if (!review.reports.some((seen) => seen.reporterId === viewer.id)) {
      const at = now();
      review.reports.push({ reporterId: viewer.id, reason, at });
      if (!review.hidden) review.reportedAt ??= at;
    }
    return { status: 202, body: { reported: true } };
  }

  const routes: Routes = {
    'GET /api/bookings/:id/review': (_request, { id = '' }) => {
      const booking = participantBooking(id);
      if (!booking) return notFound('Booking');
      const review = reviews.find((candidate) => candidate.bookingId === id);
      return json({ review: review ? view(review) : null, canReview: !review && booking.student.id === viewer.id && booking.status === 'completed' });
    },
    'POST /api/bookings/:id/review': (request, { id = '' }) => {
      const booking = participantBooking(id);
      return booking ? create(booking, request) : notFound('Booking');
    },
    'POST /api/reviews/:id/reply': (request, { id = '' }) => {
      const review = reviews.find((candidate) => candidate.id === id);
      if (!review || bookingOf(review).mentor.id !== viewer.id) return notFound('Review');
      return reply(review, request);
    },
    'POST /api/reviews/:id/report': (request, { id = '' }) => {
      const review = reviews.find((candidate) => candidate.id === id);
      return review ? report(review, request) : notFound('Review');
    },
    'GET /api/mentors/:slug/reviews': (request, { slug = '' }) => {
      const page = Number(request.query.get('page') ?? '1');
      const limit = Number(request.query.get('limit') ?? '10');
      const shown = reviews
        .filter((review) => bookingOf(review).mentor.slug === slug && review.isPublic && !review.hidden)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const items = shown.slice((page - 1) * limit, page * limit).map((review) => {
        const { id, rating, text, studentName, mentorReply, createdAt } = view(review);
        return { id, rating, text, studentName, mentorReply, createdAt };
      });
      return json({ items, page, limit, total: shown.length });
    },
    'GET /api/admin/reviews': (request) => {
      const status = request.query.get('status') ?? 'reported';
      const page = Number(request.query.get('page') ?? '1');
      const limit = Number(request.query.get('limit') ?? '20');
      if (status !== 'reported' && status !== 'hidden') return invalid([{ path: 'status', message: 'Invalid option: expected one of "reported"|"hidden"' }]);
      const chosen = reviews
        .filter((review) => (status === 'reported' ? review.reportedAt !== null && !review.hidden : review.hidden))
        .sort((a, b) => (status === 'reported' ? (a.reportedAt ?? '').localeCompare(b.reportedAt ?? '') : b.createdAt.localeCompare(a.createdAt)));
      return json({ items: chosen.slice((page - 1) * limit, page * limit).map(moderatedView), page, limit, total: chosen.length });
    },
    'POST /api/admin/reviews/:id/:action': (_request, { id = '', action = '' }) => {
      if (action !== 'hide' && action !== 'restore') return invalid([{ path: 'action', message: 'Must be hide or restore' }]);
      const review = reviews.find((candidate) => candidate.id === id);
      if (!review) return notFound('Review');
      Object.assign(review, { hidden: action === 'hide', reportedAt: null });
      return json(view(review));
    },
  };

  return { routes, reviews };
}
