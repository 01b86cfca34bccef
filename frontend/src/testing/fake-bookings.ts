import { json, problem, type Reply, type Routes, type SeenRequest } from './fake-backend';
import { fakeReviewsBackend, type FakeReviewRecord } from './fake-reviews';

/**
 * The bookings and payments API played in memory for component tests: bookings
 * hold their time, a second booking of a taken time gets 409 slot_unavailable, the sandbox checkout
 * signs payments that verify then checks, cancellations refund by the policy, refunds move from
 * requested to processed as the booking is read again, and a repeated Idempotency-Key replays the
 * first answer. Sessions too: the call opens 10 minutes before the start and closes 15 after the end
 * (409 meeting_not_open outside), attendance is recorded, the mentor's notes reach the student only
 * once the session has ended, and a student's confirmation releases held money. Disputes too: the
 * student of a completed session may report a problem while its money is held and the window (until
 * `settlement.releaseAt`) is open, with the server's 422 and 409s; admins list them, read both
 * attendance timelines (from each booking's `presence`) and the notes, and resolve them, which moves the
 * money. Reviews too (fake-reviews.ts, over these same records). Tests assert on what the UI shows and what it
 * sent; nothing here knows a test.
 */

export interface FakeViewer {
  id: string;
  name: string;
  email: string;
}

export interface FakeMentor {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  avatarUrl: string | null;
  price30Paise: number;
  price60Paise: number;
}

export interface FakeSlot {
  id: string;
  mentorSlug: string;
  kind: 'one_to_one' | 'group';
  title: string;
  startsAt: string;
  durationMinutes: number;
  capacity: number;
  seatsTaken: number;
  pricePaise: number;
}

type Status = 'pending_payment' | 'confirmed' | 'in_progress' | 'completed' | 'cancelled' | 'no_show_mentor' | 'no_show_student' | 'expired';
type RefundStatus = 'requested' | 'pending' | 'processed' | 'failed';
type PaymentStatus = 'created' | 'authorized' | 'captured' | 'failed' | 'refunded' | 'partially_refunded';

export interface FakeSettlement {
  status: 'held' | 'released' | 'refunded' | 'partially_refunded' | 'disputed';
  releaseAt: string | null;
  releasedAt: string | null;
  refundPaise: number;
}

/** Money held by us, not yet due to anyone: a paid booking before its session is settled. */
export const heldSettlement = (overrides: Partial<FakeSettlement> = {}): FakeSettlement => ({
  status: 'held',
  releaseAt: null,
  releasedAt: null,
  refundPaise: 0,
  ...overrides,
});

/** A booking as the fake stores it; the viewer-specific parts (role, breakdown, actions) are worked out on each answer. */
export interface FakeBookingRecord {
  id: string;
  code: string;
  kind: 'one_to_one' | 'group';
  status: Status;
  settlement: FakeSettlement | null;
  mentor: { id: string; name: string; slug: string; avatarUrl: string | null; timeZone: string };
  student: { id: string; name: string; email: string };
  slot: { id: string; title: string; capacity: number } | null;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  topic: string;
  agenda: string;
  pricePaise: number;
  holdExpiresAt: string | null;
  rescheduleCount: number;
  previousStartsAt: string | null;
  /** The earliest start the booking has had: a student's refund tier is measured from it, so a reschedule never improves it. */
  refundMeasuredFrom: string;
  cancellation: { by: 'student' | 'mentor' | 'system'; reason: string | null; at: string } | null;
  refund: { amountPaise: number; percent: number; status: RefundStatus; processedAt: string | null } | null;
  payment: { id: string; status: PaymentStatus; amountPaise: number; gatewayPaymentId: string | null; createdAt: string; capturedAt: string | null } | null;
  orderId: string;
  createdAt: string;
  /** The mentor's notes on the session; the student may read them once it has ended. */
  notes: { text: string; updatedAt: string | null };
  /** When each side was in the call (ISO instants), as the server's attendance evidence would have it. */
  presence: { mentor: FakeInterval[]; student: FakeInterval[] };
}

export interface FakeInterval {
  from: string;
  to: string;
}

/** A dispute as the fake stores it; the booking's code, price, times and names are read from the booking on each answer. */
export interface FakeDisputeRecord {
  id: string;
  bookingId: string;
  status: 'open' | 'resolved';
  reason: string;
  outcome: 'release' | 'refund' | 'partial' | null;
  refundPaise: number | null;
  note: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

/** An open dispute on `booking` (whose settlement the caller sets to 'disputed', or to the decision's for a resolved one). */
export function aDisputeRecord(booking: Pick<FakeBookingRecord, 'id' | 'endsAt'>, overrides: Partial<FakeDisputeRecord> = {}): FakeDisputeRecord {
  return {
    id: nextId('d0000000'),
    bookingId: booking.id,
    status: 'open',
    reason: 'The mentor joined twenty minutes late and ended the call early.',
    outcome: null,
    refundPaise: null,
    note: null,
    createdAt: addMinutes(booking.endsAt, 60),
    resolvedAt: null,
    ...overrides,
  };
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const HOLD_MINUTES = 15;
/** The call opens this long before the start and stays open this long after the end. */
export const CALL_OPENS_BEFORE_MINUTES = 10;
export const CALL_GRACE_MINUTES = 15;
export const NOTES_MAX = 5000;

/** The server's defaults, in basis points: commission 20%, gateway fee 2%, GST 18% on the fee. */
const COMMISSION_BPS = 2000;
const GATEWAY_FEE_BPS = 200;
const GST_ON_FEE_BPS = 1800;
const BPS = 10_000;

/**
 * The split as the server makes it: integer paise, each part floored in basis points, the mentor's share
 * what is left, so the parts add up to the price exactly.
 */
export function breakdownOf(pricePaise: number) {
  const commissionPaise = Math.floor((pricePaise * COMMISSION_BPS) / BPS);
  const fee = Math.floor((pricePaise * GATEWAY_FEE_BPS) / BPS);
  const gatewayFeePaise = fee + Math.floor((fee * GST_ON_FEE_BPS) / BPS);
  return { pricePaise, commissionPaise, gatewayFeePaise, mentorSharePaise: pricePaise - commissionPaise - gatewayFeePaise };
}

/** The server's refund for a tier: all of it, half floored to the paisa, or nothing. */
function refundOf(pricePaise: number, percent: 0 | 50 | 100): number {
  return percent === 100 ? pricePaise : percent === 50 ? Math.floor(pricePaise / 2) : 0;
}

/** The earlier of two instants (ISO); a missing second one is no contender. */
const earlierOf = (a: string, b: string | null | undefined) => (b && new Date(b).getTime() < new Date(a).getTime() ? b : a);

const addMinutes = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * MINUTE_MS).toISOString();

let sequence = 0;
const nextId = (prefix: string) => {
  sequence += 1;
  return `${prefix}-${String(sequence).padStart(4, '0')}-4000-8000-${String(sequence).padStart(12, '0')}`;
};

let codeSequence = 36 ** 3;
/** MC-YYYYMMDD-XXXX, the date being the session's. */
const codeFor = (startsAt: string) => `MC-${startsAt.slice(0, 10).replaceAll('-', '')}-${(codeSequence += 1).toString(36).toUpperCase().padStart(4, '0')}`;

/** A booking record with sensible defaults: a confirmed, paid 60-minute 1-to-1 between `student` and `mentor`. */
export function aBookingRecord(
  mentor: FakeMentor,
  student: FakeViewer,
  overrides: Partial<FakeBookingRecord> & { startsAt: string },
): FakeBookingRecord {
  const durationMinutes = overrides.durationMinutes ?? 60;
  const pricePaise = overrides.pricePaise ?? (durationMinutes === 30 ? mentor.price30Paise : mentor.price60Paise);
  const createdAt = overrides.createdAt ?? addMinutes(overrides.startsAt, -3 * 24 * 60);
  const id = overrides.id ?? nextId('b0000000');
  const earliestStart = earlierOf(overrides.startsAt, overrides.previousStartsAt);
  return {
    id,
    code: codeFor(overrides.startsAt),
    kind: 'one_to_one',
    status: 'confirmed',
    settlement: heldSettlement(),
    mentor: { id: mentor.id, name: mentor.name, slug: mentor.slug, avatarUrl: mentor.avatarUrl, timeZone: mentor.timeZone },
    student: { id: student.id, name: student.name, email: student.email },
    slot: null,
    endsAt: addMinutes(overrides.startsAt, durationMinutes),
    durationMinutes,
    topic: 'Mock interview practice',
    agenda: '',
    pricePaise,
    holdExpiresAt: null,
    rescheduleCount: 0,
    previousStartsAt: null,
    refundMeasuredFrom: earliestStart,
    cancellation: null,
    refund: null,
    payment: { id: nextId('p0000000'), status: 'captured', amountPaise: pricePaise, gatewayPaymentId: `pay_seed${sequence}`, createdAt, capturedAt: createdAt },
    orderId: `order_seed${sequence}`,
    createdAt,
    notes: { text: '', updatedAt: null },
    presence: { mentor: [], student: [] },
    ...overrides,
  };
}

const live: Status[] = ['pending_payment', 'confirmed', 'in_progress'];

/** How the fake gateway signs a payment (the real one uses an HMAC of the same two ids). */
export const sandboxSignature = (orderId: string, paymentId: string) => `sig_${orderId}_${paymentId}`;

/** Which video service the server is configured for; JaaS rooms are named "<appId>/<room>" and come with a JWT. */
export interface FakeCallService {
  provider: 'jitsi' | 'jaas' | 'jitsi_jwt';
  domain: string;
  appId?: string;
}

export interface FakeBookingsOptions {
  viewer: FakeViewer;
  mentors: FakeMentor[];
  slots?: FakeSlot[];
  bookings?: FakeBookingRecord[];
  provider?: 'sandbox' | 'razorpay';
  call?: FakeCallService;
  disputes?: FakeDisputeRecord[];
  reviews?: FakeReviewRecord[];
}

export interface FakeAttendanceEvent {
  bookingId: string;
  userId: string;
  type: 'joined' | 'left' | 'heartbeat';
  at: string;
}

export function fakeBookingsBackend({
  viewer,
  mentors,
  slots = [],
  bookings = [],
  provider = 'sandbox',
  call = { provider: 'jitsi', domain: 'meet.jit.si' },
  disputes: seededDisputes = [],
  reviews: seededReviews = [],
}: FakeBookingsOptions) {
  const records: FakeBookingRecord[] = [...bookings];
  const reviewsFake = fakeReviewsBackend({ viewer, bookings: records, reviews: seededReviews });
  const disputes: FakeDisputeRecord[] = [...seededDisputes];
  const attendance: FakeAttendanceEvent[] = [];
  const idempotent = new Map<string, Reply>();
  let codeCounter = 1000;
  let invoiceCounter = 0;
  const invoiceNumbers = new Map<string, string>();

  const now = () => Date.now();
  const isMentor = (record: FakeBookingRecord) => record.mentor.id === viewer.id;
  const isParticipant = (record: FakeBookingRecord) => record.mentor.id === viewer.id || record.student.id === viewer.id;
  const holdLive = (record: FakeBookingRecord) => record.holdExpiresAt !== null && new Date(record.holdExpiresAt).getTime() > now();
  const occupies = (record: FakeBookingRecord) => record.status !== 'pending_payment' ? live.includes(record.status) : holdLive(record);

  const callWindow = (record: FakeBookingRecord) => ({
    opensAt: addMinutes(record.startsAt, -CALL_OPENS_BEFORE_MINUTES),
    closesAt: addMinutes(record.endsAt, CALL_GRACE_MINUTES),
  });
  const callOpen = (record: FakeBookingRecord) => {
    const { opensAt, closesAt } = callWindow(record);
    return new Date(opensAt).getTime() <= now() && now() < new Date(closesAt).getTime();
  };
  const joinable = (record: FakeBookingRecord) => record.status === 'confirmed' || record.status === 'in_progress';
  /** A completed session whose money is still held, before it is released: the student may dispute it. */
  const disputeWindowOpen = (record: FakeBookingRecord) =>
    record.status === 'completed' &&
    record.settlement?.status === 'held' &&
    record.settlement.releaseAt !== null &&
    now() < new Date(record.settlement.releaseAt).getTime();

  function view(record: FakeBookingRecord) {
    const viewerRole = isMentor(record) ? 'mentor' : 'student';
    const startsIn = new Date(record.startsAt).getTime() - now();
    const { orderId: _orderId, student, payment, notes: _notes, presence: _presence, ...rest } = record;
    return {
      ...rest,
      student: { id: student.id, name: student.name },
      viewerRole,
      breakdown: viewerRole === 'mentor' ? breakdownOf(record.pricePaise) : null,
      payment: payment ? { id: payment.id, status: payment.status, amountPaise: payment.amountPaise } : null,
      meeting: callWindow(record),
      actions: {
        pay: viewerRole === 'student' && record.status === 'pending_payment' && holdLive(record),
        cancel: (record.status === 'pending_payment' || record.status === 'confirmed') && startsIn > 0,
        reschedule: record.status === 'confirmed' && record.kind === 'one_to_one' && record.rescheduleCount === 0 && startsIn > 4 * HOUR_MS,
        join: joinable(record) && callOpen(record),
        confirmCompletion: viewerRole === 'student' && record.status === 'completed' && record.settlement?.status === 'held',
        dispute: viewerRole === 'student' && disputeWindowOpen(record),
      },
    };
  }

  function meetingOf(record: FakeBookingRecord) {
    const role = isMentor(record) ? 'mentor' : 'student';
    const room = `mentor-connect-${record.id}`;
    return {
      provider: call.provider,
      domain: call.domain,
      roomName: call.provider === 'jaas' ? `${call.appId ?? 'vpaas-magic-cookie-test'}/${room}` : room,
      jwt: call.provider === 'jitsi' ? null : `jwt-for-${role}-${record.id}`,
      ...callWindow(record),
      startsAt: record.startsAt,
      endsAt: record.endsAt,
      role,
      displayName: role === 'mentor' ? record.mentor.name : record.student.name,
    };
  }

  /** 409 for a call that can't be entered now: gone for good (not_joinable), or outside its window (meeting_not_open). */
  function callRefusal(record: FakeBookingRecord): Reply | null {
    if (!joinable(record)) return { status: 409, body: problem(409, 'not_joinable', 'This session can no longer be joined') };
    if (!callOpen(record)) {
      return { status: 409, body: { ...problem(409, 'meeting_not_open', 'The call is not open now'), ...callWindow(record) } };
    }
    return null;
  }

  function checkoutOf(record: FakeBookingRecord) {
    return {
      provider,
      keyId: provider === 'sandbox' ? 'rzp_test_sandbox' : 'rzp_test_real',
      orderId: record.orderId,
      amountPaise: record.pricePaise,
      currency: 'INR',
      name: 'Mentor Connect',
      description: `${record.durationMinutes}-minute session with ${record.mentor.name}`,
      prefill: { name: record.student.name, email: record.student.email },
    };
  }

  const find = (id: string) => records.find((record) => record.id === id && isParticipant(record));
  const notFound = () => ({ status: 404, body: problem(404, 'booking_not_found', 'No such booking') });

  function timeTaken(mentorId: string, startsAt: string, endsAt: string, except?: string) {
    return records.some(
      (record) => record.id !== except && record.mentor.id === mentorId && occupies(record) && record.slot === null && record.startsAt < endsAt && startsAt < record.endsAt,
    );
  }

  function validate(body: Record<string, unknown>) {
    const errors: { path: string; message: string }[] = [];
    const topic = typeof body.topic === 'string' ? body.topic.trim() : '';
    if (topic.length < 3 || topic.length > 120) errors.push({ path: 'topic', message: 'Topic must be 3 to 120 characters' });
    const agenda = typeof body.agenda === 'string' ? body.agenda : '';
    if (agenda.length > 2000) errors.push({ path: 'agenda', message: 'Agenda must be at most 2000 characters' });
    return errors;
  }

  function create(request: SeenRequest): Reply {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const errors = validate(body);
    if (errors.length) return { status: 422, body: problem(422, 'validation_failed', 'The request is invalid', errors) };
    let mentor: FakeMentor | undefined;
    let startsAt: string;
    let durationMinutes: number;
    let pricePaise: number;
    let slot: FakeSlot | undefined;
    if (typeof body.slotId === 'string') {
      slot = slots.find((candidate) => candidate.id === body.slotId);
      if (!slot) return { status: 404, body: problem(404, 'slot_not_found', 'No such slot') };
      mentor = mentors.find((candidate) => candidate.slug === slot!.mentorSlug);
      if (slot.seatsTaken >= slot.capacity) return { status: 409, body: problem(409, 'slot_unavailable', 'This session is full') };
      startsAt = slot.startsAt;
      durationMinutes = slot.durationMinutes;
      pricePaise = slot.pricePaise;
    } else {
      mentor = mentors.find((candidate) => candidate.slug === body.mentorSlug);
      if (!mentor) return { status: 404, body: problem(404, 'mentor_not_found', 'No such mentor') };
      startsAt = String(body.startsAt);
      durationMinutes = Number(body.durationMinutes);
      pricePaise = durationMinutes === 30 ? mentor.price30Paise : mentor.price60Paise;
      if (timeTaken(mentor.id, startsAt, addMinutes(startsAt, durationMinutes))) {
        return { status: 409, body: problem(409, 'slot_unavailable', 'This time is no longer available') };
      }
    }
    if (!mentor) return { status: 404, body: problem(404, 'mentor_not_found', 'No such mentor') };
    if (slot) slot.seatsTaken += 1;
    codeCounter += 1;
    const createdAt = new Date(now()).toISOString();
    const record: FakeBookingRecord = {
      ...aBookingRecord(mentor, viewer, { startsAt, durationMinutes, pricePaise }),
      kind: slot?.kind ?? 'one_to_one',
      status: 'pending_payment',
      settlement: null,
      slot: slot ? { id: slot.id, title: slot.title, capacity: slot.capacity } : null,
      topic: String(body.topic).trim(),
      agenda: typeof body.agenda === 'string' ? body.agenda.trim() : '',
      holdExpiresAt: new Date(now() + HOLD_MINUTES * MINUTE_MS).toISOString(),
      payment: { id: nextId('p0000000'), status: 'created', amountPaise: pricePaise, gatewayPaymentId: null, createdAt, capturedAt: null },
      orderId: `order_${codeCounter}`,
      createdAt,
    };
    records.push(record);
    return json({ booking: view(record), checkout: checkoutOf(record) }, 201);
  }

  function withIdempotency(request: SeenRequest, scope: string, handle: () => Reply): Reply {
    const key = request.headers.get('Idempotency-Key');
    if (!key) return handle();
    const stored = idempotent.get(`${scope}:${key}`);
    if (stored) return stored;
    const reply = handle();
    if (reply.status < 500) idempotent.set(`${scope}:${key}`, reply);
    return reply;
  }

  function quote(record: FakeBookingRecord) {
    if (record.status === 'pending_payment') return { refundPaise: 0, percent: 0, reason: 'Nothing was paid yet: cancelling releases the held time.' };
    if (isMentor(record)) return { refundPaise: record.pricePaise, percent: 100, reason: 'When the mentor cancels, the student gets a full refund.' };
    const hours = (new Date(record.refundMeasuredFrom).getTime() - now()) / HOUR_MS;
    const percent = hours > 24 ? 100 : hours >= 4 ? 50 : 0;
    const reason =
      percent === 100
        ? 'More than 24 hours before the session: full refund.'
        : percent === 50
          ? 'Between 4 and 24 hours before the session: 50% refund.'
          : 'Less than 4 hours before the session: no refund.';
    return { refundPaise: refundOf(record.pricePaise, percent), percent, reason };
  }

  function cancel(record: FakeBookingRecord, request: SeenRequest): Reply {
    if (!view(record).actions.cancel) return { status: 409, body: problem(409, 'booking_not_cancellable', 'This booking can no longer be cancelled') };
    const reason = typeof (request.body as { reason?: unknown } | undefined)?.reason === 'string' ? String((request.body as { reason: string }).reason) : null;
    const by = isMentor(record) ? 'mentor' : 'student';
    if (record.status === 'pending_payment') {
      Object.assign(record, { status: 'cancelled', holdExpiresAt: null, cancellation: { by, reason, at: new Date(now()).toISOString() } });
      if (record.slot) {
        const slot = slots.find((candidate) => candidate.id === record.slot?.id);
        if (slot) slot.seatsTaken -= 1;
      }
      return json(view(record));
    }
    const { refundPaise, percent } = quote(record);
    const at = new Date(now()).toISOString();
    Object.assign(record, {
      status: 'cancelled',
      settlement: {
        status: percent === 100 ? 'refunded' : percent > 0 ? 'partially_refunded' : 'released',
        releaseAt: null,
        releasedAt: percent === 100 ? null : at,
        refundPaise,
      } satisfies FakeSettlement,
      cancellation: { by, reason, at: new Date(now()).toISOString() },
      refund: refundPaise > 0 ? { amountPaise: refundPaise, percent, status: 'requested', processedAt: null } : null,
    });
    if (record.payment && refundPaise > 0) record.payment.status = percent === 100 ? 'refunded' : 'partially_refunded';
    return json(view(record));
  }

  /** The gateway works through a refund while the student watches: each read moves it one step on. */
  function advanceRefund(record: FakeBookingRecord) {
    if (!record.refund) return;
    if (record.refund.status === 'requested') record.refund.status = 'pending';
    else if (record.refund.status === 'pending') record.refund = { ...record.refund, status: 'processed', processedAt: new Date(now()).toISOString() };
  }

  function bucket(record: FakeBookingRecord): 'upcoming' | 'past' | 'cancelled' {
    if (record.status === 'cancelled' || record.status === 'expired') return 'cancelled';
    if (live.includes(record.status) && new Date(record.endsAt).getTime() > now()) return 'upcoming';
    return 'past';
  }

  function paymentView(record: FakeBookingRecord) {
    const payment = record.payment!;
    const refunds = record.refund ? [{ amountPaise: record.refund.amountPaise, status: record.refund.status, processedAt: record.refund.processedAt }] : [];
    const refundedPaise = refunds.reduce((sum, refund) => sum + refund.amountPaise, 0);
    return {
      id: payment.id,
      bookingId: record.id,
      bookingCode: record.code,
      mentorName: record.mentor.name,
      startsAt: record.startsAt,
      amountPaise: payment.amountPaise,
      status: payment.status,
      refundedPaise,
      netPaise: payment.amountPaise - refundedPaise,
      refunds,
      createdAt: payment.createdAt,
      capturedAt: payment.capturedAt,
    };
  }

  const paidPayments = () =>
    records
      .filter((record) => record.student.id === viewer.id && record.payment && record.payment.status !== 'created')
      .sort((a, b) => b.payment!.createdAt.localeCompare(a.payment!.createdAt));

  const invalid = (path: string, message: string): Reply => ({ status: 422, body: problem(422, 'validation_failed', 'The request is invalid', [{ path, message }]) });
  const conflict = (code: string, detail: string): Reply => ({ status: 409, body: problem(409, code, detail) });

  function disputeView(dispute: FakeDisputeRecord) {
    const booking = records.find((record) => record.id === dispute.bookingId)!;
    return {
      ...dispute,
      bookingCode: booking.code,
      pricePaise: booking.pricePaise,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      student: { id: booking.student.id, name: booking.student.name },
      mentor: { id: booking.mentor.id, name: booking.mentor.name },
    };
  }

  /** The server's measure: the union of the spans inside the scheduled time, in seconds and as a floored percentage. */
  function presenceOf(booking: FakeBookingRecord, userId: string, role: 'mentor' | 'student') {
    const start = new Date(booking.startsAt).getTime();
    const end = new Date(booking.endsAt).getTime();
    const spans = booking.presence[role]
      .map(({ from, to }) => [new Date(from).getTime(), new Date(to).getTime()] as const)
      .sort((a, b) => a[0] - b[0]);
    const union: [number, number][] = [];
    for (const [from, to] of spans) {
      const last = union.at(-1);
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else union.push([from, to]);
    }
    const covered = union.reduce((sum, [from, to]) => sum + Math.max(0, Math.min(to, end) - Math.max(from, start)), 0);
    return {
      userId,
      role,
      percent: end > start ? Math.floor((covered * 100) / (end - start)) : 0,
      seconds: Math.floor(covered / 1000),
      intervals: union.map(([from, to]) => ({ from: new Date(from).toISOString(), to: new Date(to).toISOString() })),
    };
  }

  function openDispute(record: FakeBookingRecord, request: SeenRequest): Reply {
    const raw = (request.body as { reason?: unknown } | undefined)?.reason;
    if (typeof raw !== 'string') return invalid('reason', 'Say what went wrong');
    const reason = raw.trim();
    if (reason.length < 10) return invalid('reason', 'Say what went wrong (10–2,000 characters)');
    if (reason.length > 2000) return invalid('reason', 'At most 2,000 characters');
    if (isMentor(record)) return conflict('not_yours_to_dispute', 'Only the student can report a problem with a session');
    if (record.status !== 'completed') return conflict('not_completed', 'Only a completed session can be disputed');
    if (record.settlement?.status === 'disputed') return conflict('already_disputed', 'This session is already under dispute');
    if (record.settlement?.status !== 'held' || !record.settlement.releaseAt) return conflict('already_released', 'The payment for this session has already been released');
    if (now() >= new Date(record.settlement.releaseAt).getTime()) return conflict('dispute_window_closed', 'The time to report a problem with this session has passed');
    record.settlement = { ...record.settlement, status: 'disputed' };
    const dispute = aDisputeRecord(record, { reason, createdAt: new Date(now()).toISOString() });
    disputes.push(dispute);
    return json(disputeView(dispute), 201);
  }

  function resolveDispute(dispute: FakeDisputeRecord, request: SeenRequest): Reply {
    const body = (request.body ?? {}) as { outcome?: unknown; refundPaise?: unknown; note?: unknown };
    const errors: { path: string; message: string }[] = [];
    const outcome = body.outcome;
    if (outcome !== 'release' && outcome !== 'refund' && outcome !== 'partial') errors.push({ path: 'outcome', message: 'Must be "release", "refund" or "partial"' });
    if (body.refundPaise !== undefined && !(typeof body.refundPaise === 'number' && Number.isInteger(body.refundPaise))) {
      errors.push({ path: 'refundPaise', message: 'Must be a whole number of paise' });
    } else if (typeof body.refundPaise === 'number' && body.refundPaise <= 0) errors.push({ path: 'refundPaise', message: 'Must be more than 0' });
    const note = typeof body.note === 'string' ? body.note.trim() : null;
    if (note === null) errors.push({ path: 'note', message: 'Say why' });
    else if (note.length < 3) errors.push({ path: 'note', message: 'Say why (3–1,000 characters)' });
    else if (note.length > 1000) errors.push({ path: 'note', message: 'At most 1,000 characters' });
    if (outcome === 'partial' && body.refundPaise === undefined) errors.push({ path: 'refundPaise', message: 'Required for a partial refund' });
    if (outcome !== 'partial' && body.refundPaise !== undefined) errors.push({ path: 'refundPaise', message: 'Only for a partial refund' });
    if (errors.length) return { status: 422, body: problem(422, 'validation_failed', 'The request is invalid', errors) };
    if (dispute.status !== 'open') return conflict('already_resolved', 'This dispute has already been resolved');
    const record = records.find((candidate) => candidate.id === dispute.bookingId)!;
    const at = new Date(now()).toISOString();
    const decided = outcome as 'release' | 'refund' | 'partial';
    const refundPaise = decided === 'refund' ? record.pricePaise : decided === 'partial' ? (body.refundPaise as number) : null;
    if (refundPaise !== null && refundPaise > record.pricePaise) return invalid('refundPaise', `Must be between 1 and ${record.pricePaise} paise (what was paid)`);
    if (refundPaise === null) {
      record.settlement = { ...record.settlement!, status: 'released', releaseAt: null, releasedAt: at };
    } else {
      const full = refundPaise === record.pricePaise;
      record.settlement = { status: full ? 'refunded' : 'partially_refunded', releaseAt: null, releasedAt: full ? null : at, refundPaise };
      record.refund = { amountPaise: refundPaise, percent: Math.max(1, Math.floor((refundPaise * 100) / record.pricePaise)), status: 'requested', processedAt: null };
      if (record.payment) record.payment.status = full ? 'refunded' : 'partially_refunded';
    }
    Object.assign(dispute, { status: 'resolved', outcome: decided, refundPaise, note, resolvedAt: at });
    return json(disputeView(dispute));
  }

  const routes: Routes = {
    ...reviewsFake.routes,
    'POST /api/bookings': (request) => withIdempotency(request, 'create', () => create(request)),
    'GET /api/bookings': (request) => {
      const role = request.query.get('role') ?? 'student';
      const status = request.query.get('status') ?? 'all';
      const page = Number(request.query.get('page') ?? '1');
      const limit = Number(request.query.get('limit') ?? '20');
      const mine = records.filter((record) => (role === 'mentor' ? record.mentor.id === viewer.id : record.student.id === viewer.id));
      const chosen = mine.filter((record) => status === 'all' || bucket(record) === status);
      chosen.sort((a, b) => (status === 'upcoming' ? a.startsAt.localeCompare(b.startsAt) : b.startsAt.localeCompare(a.startsAt)));
      return json({ items: chosen.slice((page - 1) * limit, page * limit).map(view), page, limit, total: chosen.length });
    },
    'GET /api/bookings/:id': (_request, { id = '' }) => {
      const record = find(id);
      if (!record) return notFound();
      const answer = view(record);
      advanceRefund(record);
      return json(answer);
    },
    'POST /api/bookings/:id/checkout': (_request, { id = '' }) => {
      const record = find(id);
      if (!record) return notFound();
      if (!view(record).actions.pay) return { status: 409, body: problem(409, 'booking_not_payable', 'This booking is not waiting for payment') };
      return json({ booking: view(record), checkout: checkoutOf(record) });
    },
    'GET /api/bookings/:id/cancellation-quote': (_request, { id = '' }) => {
      const record = find(id);
      return record ? json(quote(record)) : notFound();
    },
    'POST /api/bookings/:id/cancel': (request, { id = '' }) => {
      const record = find(id);
      return record ? withIdempotency(request, `cancel:${id}`, () => cancel(record, request)) : notFound();
    },
    'POST /api/bookings/:id/reschedule': (request, { id = '' }) => {
      const record = find(id);
      if (!record) return notFound();
      if (!view(record).actions.reschedule) return { status: 409, body: problem(409, 'reschedule_not_allowed', 'This booking can no longer be rescheduled') };
      const startsAt = String((request.body as { startsAt?: unknown } | undefined)?.startsAt ?? '');
      const endsAt = addMinutes(startsAt, record.durationMinutes);
      if (timeTaken(record.mentor.id, startsAt, endsAt, record.id)) return { status: 409, body: problem(409, 'slot_unavailable', 'This time is no longer available') };
      Object.assign(record, {
        previousStartsAt: record.startsAt,
        startsAt,
        endsAt,
        rescheduleCount: record.rescheduleCount + 1,
        refundMeasuredFrom: earlierOf(record.refundMeasuredFrom, startsAt),
      });
      return json(view(record));
    },
    'GET /api/bookings/:id/calendar.ics': (_request, { id = '' }) => {
      const record = find(id);
      if (!record) return notFound();
      const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      return {
        status: 200,
        headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
        text: ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', `UID:${record.id}`, `SUMMARY:${record.code}`, `DTSTART:${stamp(record.startsAt)}`, `DTEND:${stamp(record.endsAt)}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'),
      };
    },
    'POST /sandbox/razorpay/v1/checkout/pay': (request) => {
      const body = (request.body ?? {}) as { key_id?: string; order_id?: string; outcome?: string };
      const record = records.find((candidate) => candidate.orderId === body.order_id);
      const paymentId = `pay_${nextId('x').replaceAll('-', '').slice(0, 14)}`;
      if (!record || body.key_id !== 'rzp_test_sandbox' || body.outcome !== 'success') {
        return {
          status: 400,
          headers: { 'Content-Type': 'application/json' },
          body: {
            error: {
              code: 'BAD_REQUEST_ERROR',
              description: 'Payment failed',
              source: 'customer',
              step: 'payment_authorization',
              reason: 'payment_failed',
              metadata: { payment_id: paymentId, order_id: body.order_id ?? '' },
            },
          },
        };
      }
      const signature = sandboxSignature(record.orderId, paymentId);
      return json({ razorpay_payment_id: paymentId, razorpay_order_id: record.orderId, razorpay_signature: signature });
    },
    'POST /api/payments/verify': (request) => {
      const body = (request.body ?? {}) as { razorpay_order_id?: string; razorpay_payment_id?: string; razorpay_signature?: string };
      const record = records.find((candidate) => candidate.orderId === body.razorpay_order_id && isParticipant(candidate));
      const expected = sandboxSignature(body.razorpay_order_id ?? '', body.razorpay_payment_id ?? '');
      if (!record || body.razorpay_signature !== expected) return { status: 400, body: problem(400, 'signature_invalid', 'The payment signature does not match') };
      if (record.status === 'pending_payment') {
        const capturedAt = new Date(now()).toISOString();
        Object.assign(record, { status: 'confirmed', settlement: heldSettlement(), holdExpiresAt: null });
        record.payment = { ...record.payment!, status: 'captured', gatewayPaymentId: body.razorpay_payment_id ?? null, capturedAt };
      }
      return json(view(record));
    },
    'GET /api/bookings/:id/meeting': (_request, { id = '' }) => {
      const record = find(id);
      if (!record) return notFound();
      return callRefusal(record) ?? json(meetingOf(record));
    },
    'POST /api/bookings/:id/attendance': (request, { id = '' }) => {
      const record = find(id);
      if (!record) return notFound();
      const refusal = callRefusal(record);
      if (refusal) return refusal;
      const type = (request.body as { type?: unknown } | undefined)?.type;
      if (type !== 'joined' && type !== 'left' && type !== 'heartbeat') {
        return { status: 422, body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'type', message: 'Invalid type' }]) };
      }
      attendance.push({ bookingId: id, userId: viewer.id, type, at: new Date(now()).toISOString() });
      return { status: 204 };
    },
    'GET /api/bookings/:id/notes': (_request, { id = '' }) => {
      const record = find(id);
      if (!record) return notFound();
      if (!isMentor(record) && now() < new Date(record.endsAt).getTime()) {
        return { status: 409, body: problem(409, 'notes_not_yet', 'The notes are shared once the session has ended') };
      }
      return json(record.notes);
    },
    'PUT /api/bookings/:id/notes': (request, { id = '' }) => {
      const record = find(id);
      if (!record) return notFound();
      if (!isMentor(record)) return { status: 403, body: problem(403, 'forbidden', 'Only the mentor writes the notes') };
      const text = (request.body as { text?: unknown } | undefined)?.text;
      if (typeof text !== 'string' || text.length > NOTES_MAX) {
        return { status: 422, body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'text', message: `At most ${NOTES_MAX} characters` }]) };
      }
      record.notes = { text, updatedAt: new Date(now()).toISOString() };
      return json(record.notes);
    },
    'POST /api/bookings/:id/confirm-completion': (_request, { id = '' }) => {
      const record = find(id);
      if (!record) return notFound();
      if (!view(record).actions.confirmCompletion) return { status: 409, body: problem(409, 'confirm_not_allowed', 'This session cannot be confirmed') };
      record.settlement = { ...record.settlement!, status: 'released', releaseAt: null, releasedAt: new Date(now()).toISOString() };
      return json(view(record));
    },
    'POST /api/bookings/:id/dispute': (request, { id = '' }) => {
      const record = find(id);
      return record ? openDispute(record, request) : notFound();
    },
    'GET /api/bookings/:id/dispute': (_request, { id = '' }) => {
      const record = find(id);
      if (!record) return notFound();
      const dispute = disputes.find((candidate) => candidate.bookingId === id);
      return json({ dispute: dispute ? disputeView(dispute) : null });
    },
    'GET /api/admin/disputes': (request) => {
      const status = request.query.get('status') ?? 'open';
      const page = Number(request.query.get('page') ?? '1');
      const limit = Number(request.query.get('limit') ?? '20');
      if (status !== 'open' && status !== 'resolved') return invalid('status', 'Must be "open" or "resolved"');
      const chosen = disputes
        .filter((dispute) => dispute.status === status)
        .sort((a, b) => (status === 'open' ? a.createdAt.localeCompare(b.createdAt) : (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? '')));
      return json({ items: chosen.slice((page - 1) * limit, page * limit).map(disputeView), page, limit, total: chosen.length });
    },
    'GET /api/admin/disputes/:id': (_request, { id = '' }) => {
      const dispute = disputes.find((candidate) => candidate.id === id);
      if (!dispute) return { status: 404, body: problem(404, 'not_found', 'Dispute not found') };
      const record = records.find((candidate) => candidate.id === dispute.bookingId)!;
      return json({
        ...disputeView(dispute),
        attendance: { participants: [presenceOf(record, record.mentor.id, 'mentor'), presenceOf(record, record.student.id, 'student')] },
        notes: record.notes,
        bookingStatus: record.status,
      });
    },
    'POST /api/admin/disputes/:id/resolve': (request, { id = '' }) => {
      const dispute = disputes.find((candidate) => candidate.id === id);
      return dispute ? resolveDispute(dispute, request) : { status: 404, body: problem(404, 'not_found', 'Dispute not found') };
    },
    'GET /api/payments': (request) => {
      const page = Number(request.query.get('page') ?? '1');
      const limit = Number(request.query.get('limit') ?? '20');
      const all = paidPayments();
      return json({ items: all.slice((page - 1) * limit, page * limit).map(paymentView), page, limit, total: all.length });
    },
    'GET /api/payments/:id/invoice': (_request, { id = '' }) => {
      const record = paidPayments().find((candidate) => candidate.payment?.id === id);
      if (!record) return { status: 404, body: problem(404, 'payment_not_found', 'No such payment') };
      const payment = paymentView(record);
      if (!invoiceNumbers.has(id)) invoiceNumbers.set(id, `INV-${record.payment!.createdAt.slice(0, 4)}-${String((invoiceCounter += 1)).padStart(6, '0')}`);
      return json({
        number: invoiceNumbers.get(id),
        issuedAt: record.payment!.capturedAt ?? record.payment!.createdAt,
        paymentId: id,
        gatewayPaymentId: record.payment!.gatewayPaymentId,
        status: payment.status,
        billedTo: { name: record.student.name, email: record.student.email },
        mentor: { name: record.mentor.name },
        booking: { code: record.code, startsAt: record.startsAt, endsAt: record.endsAt, durationMinutes: record.durationMinutes, topic: record.topic, kind: record.kind },
        lines: [{ label: `${record.durationMinutes}-minute mentoring session`, amountPaise: record.pricePaise }],
        totalPaise: record.pricePaise,
        refundedPaise: payment.refundedPaise,
        netPaise: payment.netPaise,
        refunds: payment.refunds,
        seller: { name: 'Mentor Connect', address: 'Bengaluru, Karnataka, India', gstin: null },
      });
    },
  };

  return { routes, records, attendance, disputes, reviews: reviewsFake.reviews };
}

/** Asha teaches from Kolkata: ₹1,500 for 30 minutes, ₹2,500 for 60. */
export const testMentor = (overrides: Partial<FakeMentor> = {}): FakeMentor => ({
  id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  name: 'Asha Rao',
  slug: 'asha-rao',
  timeZone: 'Asia/Kolkata',
  avatarUrl: null,
  price30Paise: 1_500_00,
  price60Paise: 2_500_00,
  ...overrides,
});
