import { formatPaise } from '@/lib/money';
import { json, problem, type Reply, type Routes, type SeenRequest } from './fake-backend';

/**
 * The wallet, payout method and withdrawals API played in memory for component tests: the five
 * figures move as withdrawals are requested (available → on its way), rejected (back to available), and settled by
 * the bank (`settle`: processed, failed or reversed); the statement filters by type and by dates (whole days in India)
 * and pages, and answers `format=csv`; the payout method is checked with the server's messages (IFSC of a known bank,
 * account number twice, UPI id, the password) and shown masked only; a repeated Idempotency-Key replays the first
 * answer; the admin's queue approves (409 `withdrawal_not_requested` once decided) and rejects with a reason. Tests
 * assert on what the UI shows and what it sent; nothing here knows a test.
 */

type WithdrawalStatus = 'requested' | 'approved' | 'processing' | 'processed' | 'rejected' | 'failed' | 'reversed';
const WITHDRAWAL_STATUSES: WithdrawalStatus[] = ['requested', 'approved', 'processing', 'processed', 'rejected', 'failed', 'reversed'];
const OPEN: WithdrawalStatus[] = ['requested', 'approved', 'processing'];
const TYPES = ['earning', 'withdrawal', 'withdrawal_returned', 'payout_reversal'] as const;
const MIN_WITHDRAWAL_PAISE = 50_000;

export interface FakeWalletFigures {
  availablePaise: number;
  inEscrowPaise: number;
  withdrawnPaise: number;
  lifetimeEarnedPaise: number;
  inTransitPaise: number;
}

export interface FakeTransaction {
  id: string;
  at: string;
  type: (typeof TYPES)[number];
  amountPaise: number;
  status: 'in_escrow' | 'released' | 'refunded' | 'in_transit' | 'paid' | 'returned' | 'settled';
  settledAt: string | null;
  bookingId: string | null;
  withdrawalId: string | null;
  split: { grossPaise: number; commissionPaise: number; gatewayFeePaise: number } | null;
  description: string;
}

export interface FakePayoutMethod {
  type: 'bank' | 'upi';
  masked: string;
  ifsc?: string | null;
  bankName?: string | null;
  autoPayout: boolean;
}

export interface FakeMentorRef {
  id: string;
  name: string;
  email: string;
}

export interface FakeWithdrawal {
  id: string;
  mentor: FakeMentorRef;
  amountPaise: number;
  status: WithdrawalStatus;
  source: 'mentor' | 'weekly';
  method: { type: 'bank' | 'upi'; masked: string };
  requestedAt: string;
  timeline: { status: WithdrawalStatus; at: string }[];
  payoutId: string | null;
  utr: string | null;
  failureReason: string | null;
  rejectReason: string | null;
}

let sequence = 0;
const nextId = (prefix: string) => {
  sequence += 1;
  return `${prefix}-${String(sequence).padStart(4, '0')}-4000-8000-${String(sequence).padStart(12, '0')}`;
};

/** An earning released to the wallet: a ₹1,800 session's share. */
export function anEarning(overrides: Partial<FakeTransaction> = {}): FakeTransaction {
  const bookingId = nextId('b0000000');
  return {
    id: `booking:${bookingId}:share`,
    at: '2026-11-02T05:00:00.000Z',
    type: 'earning',
    amountPaise: 139_752,
    status: 'released',
    settledAt: '2026-11-03T05:00:00.000Z',
    bookingId,
    withdrawalId: null,
    split: { grossPaise: 180_000, commissionPaise: 36_000, gatewayFeePaise: 4_248 },
    description: 'Session earnings, released to your wallet',
    ...overrides,
  };
}

/** A withdrawal of `mentor`'s, requested a week before now, to a bank account. */
export function aWithdrawal(mentor: FakeMentorRef, overrides: Partial<FakeWithdrawal> = {}): FakeWithdrawal {
  const requestedAt = overrides.requestedAt ?? '2026-11-03T04:30:00.000Z';
  return {
    id: nextId('d0000000'),
    mentor,
    amountPaise: 100_000,
    status: 'requested',
    source: 'mentor',
    method: { type: 'bank', masked: 'XXXXXX1234' },
    requestedAt,
    timeline: [{ status: 'requested', at: requestedAt }],
    payoutId: null,
    utr: null,
    failureReason: null,
    rejectReason: null,
    ...overrides,
  };
}

/** Banks by the first four letters of an IFSC, as the server's list names them. */
const BANKS: Record<string, string> = { HDFC: 'HDFC Bank', SBIN: 'State Bank of India', ICIC: 'ICICI Bank', UTIB: 'Axis Bank' };

export interface FakeWalletOptions {
  /** The signed-in mentor (or admin: the queue lists every mentor's withdrawals). */
  viewer: { id: string };
  /** The mentor's password, asked again to change the payout method. */
  password?: string;
  wallet?: Partial<FakeWalletFigures>;
  transactions?: FakeTransaction[];
  withdrawals?: FakeWithdrawal[];
  payoutMethod?: FakePayoutMethod | null;
}

type FieldError = { path: string; message: string };

export function fakeWalletBackend({ viewer, password = 'correct horse 1', wallet: figures = {}, transactions: seeded = [], withdrawals: seededWithdrawals = [], payoutMethod = null }: FakeWalletOptions) {
  const wallet: FakeWalletFigures = { availablePaise: 0, inEscrowPaise: 0, withdrawnPaise: 0, lifetimeEarnedPaise: 0, inTransitPaise: 0, ...figures };
  const transactions: FakeTransaction[] = [...seeded];
  const withdrawals: FakeWithdrawal[] = [...seededWithdrawals];
  const state = { method: payoutMethod as FakePayoutMethod | null };
  const idempotent = new Map<string, Reply>();
  const now = () => new Date(Date.now()).toISOString();
  const mine = (w: FakeWithdrawal) => w.mentor.id === viewer.id;

  const invalid = (errors: FieldError[]): Reply => ({ status: 422, body: problem(422, 'validation_failed', 'The request is invalid', errors) });
  const conflict = (code: string, detail: string): Reply => ({ status: 409, body: problem(409, code, detail) });
  const notFound = (what: string): Reply => ({ status: 404, body: problem(404, 'not_found', `${what} not found`) });
  const page = <T>(items: T[], request: SeenRequest, defaultLimit = 20) => {
    const p = Math.max(1, Number(request.query.get('page') ?? 1) || 1);
    const limit = Math.min(100, Math.max(1, Number(request.query.get('limit') ?? defaultLimit) || defaultLimit));
    return { items: items.slice((p - 1) * limit, p * limit), page: p, limit, total: items.length };
  };

  /** As the mentor's routes and the decisions answer: without the mentor. */
  const view = ({ mentor: _mentor, ...rest }: FakeWithdrawal) => rest;

  /** The day in India an instant falls on (UTC+05:30, no daylight saving). */
  const indiaDay = (iso: string) => new Date(new Date(iso).getTime() + 330 * 60_000).toISOString().slice(0, 10);
  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  function filtered(request: SeenRequest): FakeTransaction[] | Reply {
    const type = request.query.get('type');
    const from = request.query.get('from');
    const to = request.query.get('to');
    const errors: FieldError[] = [];
    if (type !== null && !(TYPES as readonly string[]).includes(type)) errors.push({ path: 'type', message: `One of ${TYPES.join(', ')}` });
    if (from !== null && !DATE.test(from)) errors.push({ path: 'from', message: 'Use a date (2026-12-01) or an ISO date-time' });
    if (to !== null && !DATE.test(to)) errors.push({ path: 'to', message: 'Use a date (2026-12-01) or an ISO date-time' });
    if (errors.length === 0 && from && to && to < from) errors.push({ path: 'to', message: 'Must not be before from' });
    if (errors.length) return invalid(errors);
    return [...transactions]
      .sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)))
      .filter((t) => (!type || t.type === type) && (!from || indiaDay(t.at) >= from) && (!to || indiaDay(t.at) <= to));
  }

  const rupees = (paise: number) => `${paise < 0 ? '-' : ''}${Math.floor(Math.abs(paise) / 100)}.${String(Math.abs(paise) % 100).padStart(2, '0')}`;

  function statement(request: SeenRequest): Reply {
    const lines = filtered(request);
    if (!Array.isArray(lines)) return lines;
    if (request.query.get('format') === 'csv') {
      const rows = lines.map((t) => [t.at, t.type, `"${t.description}"`, rupees(t.amountPaise), t.status, t.id].join(','));
      return { status: 200, text: ['Date,Type,Description,Amount (INR),Status,Reference', ...rows, ''].join('\r\n'), headers: { 'Content-Type': 'text/csv; charset=utf-8' } };
    }
    return json(page(lines, request));
  }

  function setMethod(request: SeenRequest): Reply {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '');
    const errors: FieldError[] = [];
    let shown: FakePayoutMethod;
    if (body.type === 'bank') {
      const holderName = text('holderName');
      if (holderName.length < 2) errors.push({ path: 'holderName', message: 'The account holder’s name, as the bank has it' });
      const accountNumber = text('accountNumber');
      if (!/^\d{9,18}$/.test(accountNumber)) errors.push({ path: 'accountNumber', message: 'Digits only, 9 to 18 of them' });
      else if (text('accountNumberConfirm') !== accountNumber) errors.push({ path: 'accountNumberConfirm', message: 'The two account numbers differ' });
      const ifsc = text('ifsc').toUpperCase();
      if (!/^[A-Z]{4}0[A-Z0-9]{6}$/.test(ifsc)) errors.push({ path: 'ifsc', message: '11 characters: 4 letters, a zero, then 6 letters or digits (like HDFC0001234)' });
      else if (!BANKS[ifsc.slice(0, 4)]) errors.push({ path: 'ifsc', message: 'No bank branch has this IFSC; check it on your cheque book or bank app' });
      shown = { type: 'bank', masked: `XXXXXX${accountNumber.slice(-4)}`, ifsc, bankName: BANKS[ifsc.slice(0, 4)] ?? null, autoPayout: state.method?.autoPayout ?? false };
    } else if (body.type === 'upi') {
      const vpa = text('vpa');
      if (!/^[A-Za-z0-9._-]{2,256}@[A-Za-z]{2,64}$/.test(vpa)) errors.push({ path: 'vpa', message: 'A UPI id, like name@okhdfcbank' });
      const [name = '', handle = ''] = vpa.split('@');
      shown = { type: 'upi', masked: `${name.slice(0, 2)}${'X'.repeat(Math.max(2, name.length - 2))}@${handle}`, autoPayout: state.method?.autoPayout ?? false };
    } else {
      return invalid([{ path: 'type', message: 'Must be "bank" or "upi"' }]);
    }
    if (!text('password')) errors.push({ path: 'password', message: 'Enter your password to change where your money goes' });
    if (errors.length) return invalid(errors);
    if (body.password !== password) return invalid([{ path: 'password', message: 'That is not your password' }]);
    if (withdrawals.some((w) => mine(w) && OPEN.includes(w.status))) {
      return conflict('withdrawal_open', 'A withdrawal is on its way to your current payout method; change it once that withdrawal is done');
    }
    state.method = shown;
    return json(shown);
  }

  function requestWithdrawal(request: SeenRequest): Reply {
    const key = request.headers.get('Idempotency-Key');
    const replay = key ? idempotent.get(key) : undefined;
    if (replay) return replay;
    const amountPaise = (request.body as { amountPaise?: unknown } | undefined)?.amountPaise;
    let reply: Reply;
    if (typeof amountPaise !== 'number' || !Number.isInteger(amountPaise) || amountPaise <= 0) reply = invalid([{ path: 'amountPaise', message: 'Whole paise only' }]);
    else if (amountPaise < MIN_WITHDRAWAL_PAISE) reply = invalid([{ path: 'amountPaise', message: `The smallest withdrawal is ${formatPaise(MIN_WITHDRAWAL_PAISE)}` }]);
    else if (!state.method) reply = { status: 422, body: problem(422, 'payout_method_missing', 'Add a bank account or UPI id to withdraw to first') };
    else if (amountPaise > wallet.availablePaise) reply = invalid([{ path: 'amountPaise', message: `You can withdraw at most ${formatPaise(wallet.availablePaise)}` }]);
    else if (withdrawals.some((w) => mine(w) && OPEN.includes(w.status))) reply = conflict('withdrawal_open', 'You already have a withdrawal on its way; request another once it is done');
    else {
      const at = now();
      const w = aWithdrawal({ id: viewer.id, name: 'You', email: '' }, { amountPaise, requestedAt: at, method: { type: state.method.type, masked: state.method.masked } });
      withdrawals.unshift(w);
      wallet.availablePaise -= amountPaise;
      wallet.inTransitPaise += amountPaise;
      transactions.push({
        id: `withdrawal:${w.id}`,
        at,
        type: 'withdrawal',
        amountPaise: -amountPaise,
        status: 'in_transit',
        settledAt: null,
        bookingId: null,
        withdrawalId: w.id,
        split: null,
        description: 'Withdrawal, on its way to your account',
      });
      reply = json(view(w), 201);
    }
    if (key) idempotent.set(key, reply);
    return reply;
  }

  const find = (id: string) => withdrawals.find((w) => w.id === id);
  const step = (w: FakeWithdrawal, status: WithdrawalStatus) => {
    w.status = status;
    w.timeline.push({ status, at: now() });
  };

  function adminList(request: SeenRequest): Reply {
    const status = request.query.get('status');
    if (status !== null && !(WITHDRAWAL_STATUSES as string[]).includes(status)) return invalid([{ path: 'status', message: `One of ${WITHDRAWAL_STATUSES.join(', ')}` }]);
    const chosen = withdrawals.filter((w) => status === null || w.status === status);
    const sorted = [...chosen].sort((a, b) => (status === 'requested' ? a.requestedAt.localeCompare(b.requestedAt) : b.requestedAt.localeCompare(a.requestedAt)));
    return json(page(sorted.map(adminView), request));
  }

  function decide(id: string, request: SeenRequest, action: 'approve' | 'reject'): Reply {
    const w = find(id);
    if (!w) return notFound('Withdrawal');
    let reason = '';
    if (action === 'reject') {
      const raw = (request.body as { reason?: unknown } | undefined)?.reason;
      reason = typeof raw === 'string' ? raw.trim() : '';
      if (reason.length < 3) return invalid([{ path: 'reason', message: 'Say why, for the mentor (at least 3 characters)' }]);
      if (reason.length > 500) return invalid([{ path: 'reason', message: 'At most 500 characters' }]);
    }
    if (w.status !== 'requested') return conflict('withdrawal_not_requested', `This withdrawal is ${w.status}, no longer waiting for a decision`);
    if (action === 'approve') {
      step(w, 'approved');
    } else {
      step(w, 'rejected');
      w.rejectReason = reason;
      if (mine(w)) {
        wallet.availablePaise += w.amountPaise;
        wallet.inTransitPaise -= w.amountPaise;
      }
    }
    return json(view(w));
  }

  /** The admin's queue: the mentor included. */
  const adminView = (w: FakeWithdrawal) => ({ ...view(w), mentor: w.mentor });

  const routes: Routes = {
    'GET /api/wallet': () => json({ ...wallet }),
    'GET /api/wallet/transactions': statement,
    'GET /api/wallet/payout-method': () => (state.method ? json(state.method) : notFound('Payout method')),
    'PUT /api/wallet/payout-method': setMethod,
    'PATCH /api/wallet/settings': (request) => {
      const autoPayout = (request.body as { autoPayout?: unknown } | undefined)?.autoPayout;
      if (typeof autoPayout !== 'boolean') return invalid([{ path: 'autoPayout', message: 'true or false' }]);
      if (!state.method) return { status: 422, body: problem(422, 'payout_method_missing', 'Add a bank account or UPI id to withdraw to first') };
      state.method = { ...state.method, autoPayout };
      return json({ autoPayout });
    },
    'POST /api/wallet/withdrawals': requestWithdrawal,
    'GET /api/wallet/withdrawals': (request) => json(page(withdrawals.filter(mine).map(view), request)),
    'GET /api/wallet/withdrawals/:id': (_request, params) => {
      const w = find(params.id!);
      return w && mine(w) ? json(view(w)) : notFound('Withdrawal');
    },
    'GET /api/admin/withdrawals': adminList,
    'POST /api/admin/withdrawals/:id/approve': (request, params) => decide(params.id!, request, 'approve'),
    'POST /api/admin/withdrawals/:id/reject': (request, params) => decide(params.id!, request, 'reject'),
  };

  /** The bank's answer to an approved withdrawal: processed with a UTR, or failed / reversed with a reason (the money back). */
  function settle(id: string, outcome: { status: 'processed'; utr: string } | { status: 'failed' | 'reversed'; reason: string }) {
    const w = find(id);
    if (!w) throw new Error(`no withdrawal ${id}`);
    if (outcome.status === 'processed') {
      step(w, 'processed');
      w.utr = outcome.utr;
      if (mine(w)) {
        wallet.inTransitPaise -= w.amountPaise;
        wallet.withdrawnPaise += w.amountPaise;
      }
    } else {
      if (mine(w)) {
        if (w.status === 'processed') wallet.withdrawnPaise -= w.amountPaise;
        else wallet.inTransitPaise -= w.amountPaise;
        wallet.availablePaise += w.amountPaise;
      }
      step(w, outcome.status);
      w.failureReason = outcome.reason;
    }
  }

  return {
    routes,
    wallet,
    transactions,
    withdrawals,
    /** The payout method as stored (masked only, as the server keeps what it shows). */
    method: () => state.method,
    settle,
  };
}
