import { json, problem, type Reply, type Routes, type SeenRequest } from './fake-backend';

/**
 * The admin's finance API (backend finance.routes.ts and audit.routes.ts) played in memory: the weekly summary of a
 * period (weeks start on Monday in India; the period's `to` is excluded), reconciliation runs (kept newest first; a
 * run answers with the outcome the test set, or 503 `gateway_unavailable`), and the audit trail with its filters
 * (actor, exact or prefix action, from/to) and pages. Bad input answers 422 naming the field, as the server does.
 */

const DAY_MS = 86_400_000;
const IST_MS = 330 * 60_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The instant a date (India) or an ISO date-time names, or null. */
function instantOf(value: string | null): number | null {
  if (value === null) return null;
  if (DATE.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value ? null : ms - IST_MS;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

const dateOfIst = (ms: number) => new Date(ms + IST_MS).toISOString().slice(0, 10);
const mondayOf = (date: string) => {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return new Date(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
};

export interface FakeWeekFigures {
  bookings: number;
  grossPaise: number;
  platformRevenuePaise: number;
  gatewayFeesPaise: number;
  refundsPaise: number;
  payoutsPaise: number;
  payoutReversalsPaise: number;
}

const zero: FakeWeekFigures = { bookings: 0, grossPaise: 0, platformRevenuePaise: 0, gatewayFeesPaise: 0, refundsPaise: 0, payoutsPaise: 0, payoutReversalsPaise: 0 };

export interface FakeMismatch {
  subject: 'payment' | 'refund' | 'payout';
  kind: 'missing_at_gateway' | 'missing_in_records' | 'missing_in_ledger' | 'amount_differs' | 'status_differs';
  id: string;
  ours: { recordId: string | null; status: string | null; amountPaise: number | null; ledgerPaise: number | null; ledgerReturnedPaise: number | null } | null;
  gateway: { id: string; status: string; amountPaise: number } | null;
}

export interface FakeRun {
  id: string;
  from: string;
  to: string;
  trigger: 'nightly' | 'manual';
  actor: { id: string; name: string } | null;
  checked: { payments: number; refunds: number; payouts: number };
  mismatchCount: number;
  mismatches: FakeMismatch[];
  ranAt: string;
}

let sequence = 0;
const nextId = () => {
  sequence += 1;
  return `f1000000-${String(sequence).padStart(4, '0')}-4000-8000-${String(sequence).padStart(12, '0')}`;
};

/** A kept run of one day in India (`day`), nightly and clean unless told otherwise. */
export function aRun(day: string, overrides: Partial<FakeRun> = {}): FakeRun {
  const from = new Date(Date.parse(`${day}T00:00:00Z`) - IST_MS).toISOString();
  const to = new Date(Date.parse(from) + DAY_MS).toISOString();
  const mismatches = overrides.mismatches ?? [];
  return {
    id: nextId(),
    from,
    to,
    trigger: 'nightly',
    actor: null,
    checked: { payments: 12, refunds: 2, payouts: 3 },
    ranAt: new Date(Date.parse(to) + 3 * 3_600_000).toISOString(),
    ...overrides,
    mismatches,
    mismatchCount: mismatches.length,
  };
}

export interface FakeAuditEntry {
  id: string;
  at: string;
  kind: 'admin' | 'money';
  actor: { id: string; name: string } | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
}

export interface FakeFinanceOptions {
  /** The money of each week (by its Monday, in India); weeks not named moved nothing. */
  weeks?: Record<string, Partial<FakeWeekFigures>>;
  runs?: FakeRun[];
  audit?: FakeAuditEntry[];
  /** What the next POST …/run finds, or that the gateway does not answer. */
  nextRun?: { checked?: FakeRun['checked']; mismatches?: FakeMismatch[] } | 'gateway_unavailable';
  /** Who runs reconciliations here. */
  admin: { id: string; name: string };
  now?: () => Date;
}

export function fakeFinanceBackend(options: FakeFinanceOptions) {
  const runs: FakeRun[] = [...(options.runs ?? [])];
  const audit = [...(options.audit ?? [])].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const now = options.now ?? (() => new Date(Date.now()));
  const state = { nextRun: options.nextRun };
  const invalid = (errors: { path: string; message: string }[]): Reply => ({ status: 422, body: problem(422, 'validation_failed', 'The request is invalid', errors) });

  /** Both ends or neither (then `fallback`), real, in order and at most `maxDays` apart; else the 422. */
  function periodOf(values: { from: string | null; to: string | null }, fallback: () => [number, number], maxDays: number): [number, number] | Reply {
    const from = instantOf(values.from);
    const to = instantOf(values.to);
    if (values.from !== null && from === null) return invalid([{ path: 'from', message: 'Must be a date (YYYY-MM-DD) or an ISO date-time' }]);
    if (values.to !== null && to === null) return invalid([{ path: 'to', message: 'Must be a date (YYYY-MM-DD) or an ISO date-time' }]);
    if ((from === null) !== (to === null)) return invalid([{ path: from === null ? 'from' : 'to', message: 'Give both from and to, or neither' }]);
    const period: [number, number] = from !== null && to !== null ? [from, to] : fallback();
    if (period[1] <= period[0]) return invalid([{ path: 'to', message: 'Must be after from' }]);
    if (period[1] - period[0] > maxDays * DAY_MS) return invalid([{ path: 'to', message: `At most ${maxDays} days after from` }]);
    return period;
  }

  const yesterday = (): [number, number] => {
    const today = Date.parse(`${dateOfIst(now().getTime())}T00:00:00Z`) - IST_MS;
    return [today - DAY_MS, today];
  };

  function summary(request: SeenRequest): Reply {
    if (request.query.has('groupBy') && request.query.get('groupBy') !== 'week') return invalid([{ path: 'groupBy', message: 'Only "week" is supported' }]);
    const period = periodOf({ from: request.query.get('from'), to: request.query.get('to') }, () => [yesterday()[1] - 77 * DAY_MS, yesterday()[1] + DAY_MS], 731);
    if (!Array.isArray(period)) return period;
    const weeks = [];
    for (let monday = mondayOf(dateOfIst(period[0])); Date.parse(`${monday}T00:00:00Z`) - IST_MS < period[1]; monday = new Date(Date.parse(`${monday}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10)) {
      weeks.push({ weekStart: monday, ...zero, ...options.weeks?.[monday] });
    }
    const totals = { ...zero };
    for (const week of weeks) for (const key of Object.keys(zero) as (keyof FakeWeekFigures)[]) totals[key] += week[key];
    return json({ from: new Date(period[0]).toISOString(), to: new Date(period[1]).toISOString(), groupBy: 'week', timeZone: 'Asia/Kolkata', weeks, totals });
  }

  function runNow(request: SeenRequest): Reply {
    const body = (request.body ?? {}) as { from?: string; to?: string };
    const period = periodOf({ from: body.from ?? null, to: body.to ?? null }, yesterday, 92);
    if (!Array.isArray(period)) return period;
    if (state.nextRun === 'gateway_unavailable') return { status: 503, body: problem(503, 'gateway_unavailable', 'The gateway did not answer (timeout); try again in a minute') };
    const mismatches = state.nextRun?.mismatches ?? [];
    const run: FakeRun = {
      id: nextId(),
      from: new Date(period[0]).toISOString(),
      to: new Date(period[1]).toISOString(),
      trigger: 'manual',
      actor: options.admin,
      checked: state.nextRun?.checked ?? { payments: 0, refunds: 0, payouts: 0 },
      mismatches,
      mismatchCount: mismatches.length,
      ranAt: now().toISOString(),
    };
    runs.unshift(run);
    return json(run, 201);
  }

  function pageOf(request: SeenRequest, defaultLimit: number): { page: number; limit: number } | Reply {
    const page = Number(request.query.get('page') ?? 1);
    const limit = Number(request.query.get('limit') ?? defaultLimit);
    if (!Number.isInteger(page) || page < 1) return invalid([{ path: 'page', message: 'page must be 1 or more' }]);
    if (!Number.isInteger(limit) || limit < 1) return invalid([{ path: 'limit', message: 'limit must be 1 or more' }]);
    return { page, limit: Math.min(limit, 100) };
  }

  function auditTrail(request: SeenRequest): Reply {
    const paging = pageOf(request, 50);
    if (!('page' in paging)) return paging;
    const q = request.query;
    const errors: { path: string; message: string }[] = [];
    const actor = q.get('actor');
    const action = q.get('action');
    if (actor !== null && !UUID.test(actor)) errors.push({ path: 'actor', message: 'Not a valid user id' });
    if (action !== null && !/^[a-z0-9_.*-]+$/i.test(action)) errors.push({ path: 'action', message: 'Letters, digits and . _ - only, with an optional * at the end' });
    const from = instantOf(q.get('from'));
    const to = instantOf(q.get('to'));
    if (q.get('from') !== null && from === null) errors.push({ path: 'from', message: 'Must be a date (YYYY-MM-DD) or an ISO date-time' });
    if (q.get('to') !== null && to === null) errors.push({ path: 'to', message: 'Must be a date (YYYY-MM-DD) or an ISO date-time' });
    if (errors.length) return invalid(errors);
    if (from !== null && to !== null && to <= from) return invalid([{ path: 'to', message: 'Must be after from' }]);
    const prefix = action?.endsWith('*') ? action.slice(0, -1) : action?.endsWith('.') ? action : null;
    const matching = audit.filter((e) => {
      const at = Date.parse(e.at);
      if (actor !== null && e.actor?.id !== actor) return false;
      if (action !== null && (prefix !== null ? !e.action.startsWith(prefix) : e.action !== action)) return false;
      return (from === null || at >= from) && (to === null || at < to);
    });
    const start = (paging.page - 1) * paging.limit;
    return json({ items: matching.slice(start, start + paging.limit), page: paging.page, limit: paging.limit, total: matching.length });
  }

  const routes: Routes = {
    'GET /api/admin/finance/summary': (request) => summary(request),
    'POST /api/admin/reconciliation/run': (request) => runNow(request),
    'GET /api/admin/reconciliation/runs': (request) => {
      const paging = pageOf(request, 10);
      if (!('page' in paging)) return paging;
      const start = (paging.page - 1) * paging.limit;
      const items = runs.slice(start, start + paging.limit).map(({ mismatches: _mismatches, ...run }) => run);
      return json({ items, page: paging.page, limit: paging.limit, total: runs.length });
    },
    'GET /api/admin/reconciliation/runs/:id': (_request, params) => {
      const run = runs.find((r) => r.id === params.id);
      return run ? json(run) : { status: 404, body: problem(404, 'not_found', 'Reconciliation run not found') };
    },
    'GET /api/admin/audit': (request) => auditTrail(request),
  };

  return {
    routes,
    runs,
    /** What the next run finds (or that the gateway is down). */
    setNextRun: (next: FakeFinanceOptions['nextRun']) => {
      state.nextRun = next;
    },
  };
}
