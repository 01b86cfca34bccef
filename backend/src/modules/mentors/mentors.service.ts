import { publish } from '../../lib/events.js';
import { and, arrayContains, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../../lib/db-errors.js';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Role } from '../../lib/http.js';
import { offsetOf } from '../../lib/pagination.js';
import { TtlCache } from '../../lib/ttl-cache.js';
import { recordAudit } from '../audit/audit.service.js';
import { notify } from '../notifications/notifications.service.js';
import { ratingSummary } from '../reviews/reviews.service.js';
import { getUser, setRole } from '../users/users.service.js';
import { userCards as users } from '../users/users.service.js';
import type { ApplicationDraft, ApplicationInput, DiscoveryQuery } from './mentors.schemas.js';
import { SESSION_TOPICS } from './mentors.schemas.js';
import { mentorApplications, mentors, type ExperienceItem } from './mentors.tables.js';
import { nextFreeSlug, slugify } from './slug.js';
import { clock } from '../../lib/clock.js';

type ApplicationRow = typeof mentorApplications.$inferSelect;
type MentorRow = typeof mentors.$inferSelect;

export interface Links {
  /** Public origin for links in emails and notifications. */
  publicUrl: string;
}

// ---- applications -------------------------------------------------------------------------------------

export function toApplicationDto(row: ApplicationRow, mentorSlug: string | null = null) {
  return {
    id: row.id,
    status: row.status,
    headline: row.headline,
    bio: row.bio,
    experience: row.experience,
    expertise: row.expertise,
    sessionTopics: row.sessionTopics,
    languages: row.languages,
    linkedinUrl: row.linkedinUrl,
    price30Paise: row.price30Paise,
    price60Paise: row.price60Paise,
    timeZone: row.timeZone,
    rejectionReason: row.rejectionReason,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    mentorSlug,
  };
}

async function mentorSlugOf(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ slug: mentors.slug }).from(mentors).where(eq(mentors.userId, userId));
  return row?.slug ?? null;
}

export async function getMyApplication(db: Db, userId: string) {
  const [row] = await db.select().from(mentorApplications).where(eq(mentorApplications.userId, userId));
  if (!row) throw notFound('Application');
  return toApplicationDto(row, row.status === 'approved' ? await mentorSlugOf(db, userId) : null);
}

function assertMayApply(role: Role): void {
  if (role === 'mentor') throw conflict('already_mentor', 'You are already a mentor');
  if (role === 'admin') throw forbidden('Admins cannot apply to mentor');
}

/** Locks the user's application row (if any) and refuses edits while it is under review or approved. */
async function lockEditableApplication(tx: Db, userId: string): Promise<ApplicationRow | undefined> {
  const [row] = await tx.select().from(mentorApplications).where(eq(mentorApplications.userId, userId)).for('update');
  if (row?.status === 'pending') throw conflict('application_pending', 'Your application is being reviewed and cannot be changed now');
  if (row?.status === 'approved') throw conflict('already_mentor', 'Your application was already approved');
  return row;
}

async function upsertApplication(tx: Db, userId: string, existing: ApplicationRow | undefined, values: Partial<typeof mentorApplications.$inferInsert>) {
  const now = clock.now();
  if (existing) {
    const [row] = await tx
      .update(mentorApplications)
      .set({ ...values, updatedAt: now })
      .where(eq(mentorApplications.id, existing.id))
      .returning();
    return row!;
  }
  try {
    const [row] = await tx
      .insert(mentorApplications)
      .values({ userId, ...values, createdAt: now, updatedAt: now })
      .returning();
    return row!;
  } catch (error) {
    // Two first saves at once: the unique user_id lets only one insert win; the other is told to retry.
    if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw conflict('application_busy', 'Your application was just saved elsewhere; reload and try again');
    throw error;
  }
}

export async function saveApplicationDraft(db: Db, userId: string, role: Role, draft: ApplicationDraft) {
  assertMayApply(role);
  return inTransaction(db, async (tx) => {
    const existing = await lockEditableApplication(tx, userId);
    return toApplicationDto(await upsertApplication(tx, userId, existing, { ...draft, status: 'draft' }));
  });
}

/** Creates or resubmits the application; a rejected applicant may apply again. */
export async function submitApplication(db: Db, userId: string, role: Role, input: ApplicationInput, now = clock.now()) {
  assertMayApply(role);
  return inTransaction(db, async (tx) => {
    const existing = await lockEditableApplication(tx, userId);
    const row = await upsertApplication(tx, userId, existing, {
      ...input,
      linkedinUrl: input.linkedinUrl ?? null,
      status: 'pending',
      submittedAt: now,
      rejectionReason: null,
      decidedAt: null,
      decidedBy: null,
    });
    publish(tx, { type: 'admin.queue', queue: 'applications' });
    return { created: !existing, application: toApplicationDto(row) };
  });
}

export async function listApplications(db: Db, query: { status: 'pending' | 'approved' | 'rejected'; page: number; limit: number }) {
  const order = query.status === 'pending' ? [asc(mentorApplications.submittedAt)] : [desc(mentorApplications.decidedAt)];
  const rows = await db
    .select({
      application: mentorApplications,
      applicant: { id: users.id, name: users.name, email: users.email },
      mentorSlug: mentors.slug,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(mentorApplications)
    .innerJoin(users, eq(users.id, mentorApplications.userId))
    .leftJoin(mentors, eq(mentors.userId, mentorApplications.userId))
    .where(eq(mentorApplications.status, query.status))
    .orderBy(...order, asc(mentorApplications.id))
    .limit(query.limit)
    .offset(offsetOf(query.page, query.limit));
  return {
    items: rows.map((r) => ({ ...toApplicationDto(r.application, r.mentorSlug), applicant: r.applicant })),
    page: query.page,
    limit: query.limit,
    total: rows[0]?.total ?? 0,
  };
}

async function lockApplication(tx: Db, id: string): Promise<ApplicationRow> {
  const [row] = await tx.select().from(mentorApplications).where(eq(mentorApplications.id, id)).for('update');
  if (!row) throw notFound('Application');
  return row;
}

const companiesOf = (experience: ExperienceItem[]) => [...new Set(experience.map((e) => e.company.trim()))];

/** Inserts the mentor profile under the first free slug; a concurrent taker of the same slug makes it try the next. */
async function createMentorProfile(tx: Db, app: ApplicationRow, name: string, now: Date): Promise<MentorRow> {
  const base = slugify(name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const taken = await tx
      .select({ slug: mentors.slug })
      .from(mentors)
      .where(sql`${mentors.slug} = ${base} or ${mentors.slug} ~ ${`^${base}-[0-9]+$`}`);
    const slug = nextFreeSlug(base, taken.map((t) => t.slug));
    try {
      return await inTransaction(tx, async (sp) => {
        const [row] = await sp
          .insert(mentors)
          .values({
            userId: app.userId,
            slug,
            headline: app.headline!,
            bio: app.bio!,
            experience: app.experience,
            expertise: app.expertise,
            sessionTopics: app.sessionTopics,
            languages: app.languages,
            companies: companiesOf(app.experience),
            linkedinUrl: app.linkedinUrl,
            price30Paise: app.price30Paise!,
            price60Paise: app.price60Paise!,
            timeZone: app.timeZone!,
            approvedAt: now,
            updatedAt: now,
          })
          .returning();
        return row!;
      });
    } catch (error) {
      if (pgErrorCode(error) !== PG_UNIQUE_VIOLATION) throw error;
    }
  }
  throw new AppError('slug_unavailable', 'Could not allocate a profile address; try again', 409);
}

export async function approveApplication(db: Db, adminId: string, id: string, links: Links, options: { silent?: boolean; now?: Date } = {}) {
  const now = options.now ?? clock.now();
  const result = await inTransaction(db, async (tx) => {
    const app = await lockApplication(tx, id);
    if (app.status === 'approved') return toApplicationDto(app, await mentorSlugOf(tx, app.userId));
    if (app.status === 'rejected') throw conflict('application_rejected', 'A rejected application cannot be approved; the applicant must apply again');
    if (app.status === 'draft') throw conflict('application_not_submitted', 'This application has not been submitted');
    const user = await getUser(tx, app.userId);
    const mentor = await createMentorProfile(tx, app, user.name, now);
    await setRole(tx, app.userId, 'mentor');
    const [updated] = await tx
      .update(mentorApplications)
      .set({ status: 'approved', decidedAt: now, decidedBy: adminId, updatedAt: now })
      .where(eq(mentorApplications.id, id))
      .returning();
    publish(tx, { type: 'admin.queue', queue: 'applications' });
    await recordAudit(tx, { actorId: adminId, action: 'mentor_application.approve', subjectType: 'mentor_application', subjectId: id, data: { slug: mentor.slug } }, now);
    if (!options.silent) {
      const profileUrl = `${links.publicUrl}/mentors/${mentor.slug}`;
      await notify(tx, {
        userId: app.userId,
        type: 'application_approved',
        title: 'Your mentor application is approved',
        body: `Welcome aboard! Your profile is live at /mentors/${mentor.slug}. Set your availability so students can book you.`,
        eventKey: `mentor_application:${id}:approved:${now.toISOString()}`,
        data: { applicationId: id, slug: mentor.slug },
        actionUrl: `/mentors/${mentor.slug}`,
        email: { template: 'application-approved', context: { profileUrl }, actionLabel: 'View your profile' },
      });
    }
    return toApplicationDto(updated!, mentor.slug);
  });
  invalidateDiscovery(db);
  return result;
}

export async function rejectApplication(db: Db, adminId: string, id: string, reason: string, links: Links, now = clock.now()) {
  return inTransaction(db, async (tx) => {
    const app = await lockApplication(tx, id);
    if (app.status === 'rejected') return toApplicationDto(app);
    if (app.status === 'approved') throw conflict('application_approved', 'This application was already approved');
    if (app.status === 'draft') throw conflict('application_not_submitted', 'This application has not been submitted');
    const [updated] = await tx
      .update(mentorApplications)
      .set({ status: 'rejected', rejectionReason: reason, decidedAt: now, decidedBy: adminId, updatedAt: now })
      .where(eq(mentorApplications.id, id))
      .returning();
    publish(tx, { type: 'admin.queue', queue: 'applications' });
    await recordAudit(tx, { actorId: adminId, action: 'mentor_application.reject', subjectType: 'mentor_application', subjectId: id, data: { reason } }, now);
    await notify(tx, {
      userId: app.userId,
      type: 'application_rejected',
      title: 'Your mentor application was not approved',
      body: `Reason: ${reason.replace(/[.!?\s]+$/, '')}. You can update your application and apply again.`,
      eventKey: `mentor_application:${id}:rejected:${now.toISOString()}`,
      data: { applicationId: id, reason },
      actionUrl: '/become-a-mentor',
      email: { template: 'application-rejected', context: { reason, applyUrl: `${links.publicUrl}/become-a-mentor` }, actionLabel: 'Update your application' },
    });
    return toApplicationDto(updated!);
  });
}

// ---- public profiles and discovery ----------------------------------------------------------------------

const cardColumns = {
  slug: mentors.slug,
  name: users.name,
  avatarUrl: users.avatarUrl,
  headline: mentors.headline,
  expertise: mentors.expertise,
  sessionTopics: mentors.sessionTopics,
  languages: mentors.languages,
  companies: mentors.companies,
  price30Paise: mentors.price30Paise,
  price60Paise: mentors.price60Paise,
  ratingAvg: mentors.ratingAvg,
  ratingCount: mentors.ratingCount,
  sessionsCompleted: mentors.sessionsCompleted,
  acceptingBookings: mentors.acceptingBookings,
};

/**
 * Turns what a person types into a prefix-matching tsquery ("sys des" finds "System Design"). Only letters and
 * digits survive, so the text can't break the tsquery syntax; no words at all means no text filter.
 */
export function searchTerms(q: string | undefined): string | undefined {
  const words = (q ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .match(/[a-z0-9]+/g);
  if (!words?.length) return undefined;
  return words.slice(0, 8).map((w) => `${w}:*`).join(' & ');
}

export const DISCOVERY_COUNT_CAP = 1000;

// Discovery pages are the same for everyone who asks the same question, so they are cached briefly per
// database handle (configured by the app). The cache holds promises, so concurrent requests for a page that
// isn't cached yet share one database round trip. Every write to a mentor in this process clears the cache.
type DiscoveryPage = Awaited<ReturnType<typeof queryMentors>>;
const discoveryCaches = new WeakMap<Db, TtlCache<Promise<DiscoveryPage>>>();

export function configureDiscoveryCache(db: Db, ttlMs: number): void {
  discoveryCaches.set(db, new TtlCache(ttlMs, 500));
}

function invalidateDiscovery(db: Db): void {
  discoveryCaches.get(db)?.clear();
}

export async function searchMentors(db: Db, query: DiscoveryQuery): Promise<DiscoveryPage> {
  const cache = discoveryCaches.get(db);
  if (!cache) return queryMentors(db, query);
  const key = JSON.stringify(query);
  const cached = cache.get(key);
  if (cached) return cached;
  const pending = queryMentors(db, query);
  cache.set(key, pending);
  // A failed query is not remembered: the next request tries again.
  pending.catch(() => cache.get(key) === pending && cache.delete(key));
  return pending;
}

/**
 * Two statements, run side by side: the page (filters, rank, sort, limit — the sort indexes let it stop after
 * one page) and the count of matches. A window count in the page query would force every match to be joined
 * and materialised before the limit applies, which costs ~50× more on a large catalogue.
 */
async function queryMentors(db: Db, query: DiscoveryQuery) {
  const terms = searchTerms(query.q);
  const tsquery = terms ? sql`to_tsquery('english', ${terms})` : undefined;
  const where = and(
    eq(mentors.acceptingBookings, true),
    // A query of only stop words ('the') has no nodes; it then filters nothing rather than everything.
    tsquery ? sql`(numnode(${tsquery}) = 0 or ${mentors.search} @@ ${tsquery})` : undefined,
    query.expertise ? arrayContains(mentors.expertise, [query.expertise]) : undefined,
    query.topic ? arrayContains(mentors.sessionTopics, [query.topic]) : undefined,
    query.company ? arrayContains(mentors.companies, [query.company]) : undefined,
    query.language ? arrayContains(mentors.languages, [query.language]) : undefined,
    query.priceMin !== undefined ? gte(mentors.price30Paise, query.priceMin) : undefined,
    query.priceMax !== undefined ? lte(mentors.price30Paise, query.priceMax) : undefined,
    query.minRating !== undefined ? gte(mentors.ratingAvg, query.minRating) : undefined,
  );
  // ts_rank (not ts_rank_cd): weights A–D still order name/headline hits first, at about half the cost per row.
  const rank = tsquery ? sql`ts_rank(${mentors.search}, ${tsquery})` : undefined;
  const orderBy: SQL[] = {
    relevance: rank ? [sql`${rank} desc`, sql`${mentors.ratingAvg} desc nulls last`] : [sql`${mentors.ratingAvg} desc nulls last`, desc(mentors.sessionsCompleted)],
    rating: [sql`${mentors.ratingAvg} desc nulls last`, desc(mentors.ratingCount)],
    price_asc: [asc(mentors.price30Paise)],
    price_desc: [desc(mentors.price30Paise)],
    sessions: [desc(mentors.sessionsCompleted)],
  }[query.sort];
  const [items, [counted]] = await Promise.all([
    db
      .select(cardColumns)
      .from(mentors)
      .innerJoin(users, eq(users.id, mentors.userId))
      .where(where)
      .orderBy(...orderBy, asc(mentors.slug))
      .limit(query.limit)
      .offset(offsetOf(query.page, query.limit)),
    // Counting stops at DISCOVERY_COUNT_CAP + 1 matches: past that "1,000+" is all a person needs, and
    // counting a broad search to the end would cost more than finding the page.
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(db.select({ one: sql`1` }).from(mentors).where(where).limit(DISCOVERY_COUNT_CAP + 1).as('matches')),
  ]);
  const n = counted?.n ?? 0;
  return { items, page: query.page, limit: query.limit, total: Math.min(n, DISCOVERY_COUNT_CAP), totalCapped: n > DISCOVERY_COUNT_CAP };
}

async function loadMentor(db: Db, where: SQL) {
  const [row] = await db
    .select({ ...cardColumns, mentor: mentors, memberSince: users.createdAt })
    .from(mentors)
    .innerJoin(users, eq(users.id, mentors.userId))
    .where(where);
  return row;
}

function toProfile(row: NonNullable<Awaited<ReturnType<typeof loadMentor>>>, summary: Awaited<ReturnType<typeof ratingSummary>>) {
  const { mentor: m, memberSince, ...card } = row;
  // Confirmed bookings are counted from when they were first counted (sessions_confirmed); older data falls back on
  // the sessions that finished one way or the other.
  const confirmed = Math.max(m.sessionsConfirmed, m.sessionsCompleted + m.sessionsCancelledByMentor);
  return {
    ...card,
    bio: m.bio,
    experience: m.experience,
    linkedinUrl: m.linkedinUrl,
    timeZone: m.timeZone,
    memberSince: memberSince.toISOString(),
    ratingSummary: summary,
    stats: {
      sessionsCompleted: m.sessionsCompleted,
      // Rates are shares in [0, 1]; null until there is anything to divide.
      cancellationRate: confirmed ? Math.round((m.sessionsCancelledByMentor / confirmed) * 1000) / 1000 : null,
      repeatStudentRate: m.distinctStudents ? Math.round((m.repeatStudents / m.distinctStudents) * 1000) / 1000 : null,
      noShows: m.mentorNoShows,
      averageRating: summary.average,
    },
  };
}

/** Approved mentors only; a paused mentor still has a profile page (with acceptingBookings false). */
export async function getMentorProfile(db: Db, slug: string) {
  const row = await loadMentor(db, eq(mentors.slug, slug));
  if (!row) throw notFound('Mentor');
  return toProfile(row, await ratingSummary(db, row.mentor.userId));
}

export async function getOwnMentorProfile(db: Db, userId: string) {
  const row = await loadMentor(db, eq(mentors.userId, userId));
  if (!row) throw notFound('Mentor profile');
  return toProfile(row, await ratingSummary(db, userId));
}

export async function mentorIdBySlug(db: Db, slug: string): Promise<string> {
  const [row] = await db.select({ id: mentors.userId }).from(mentors).where(eq(mentors.slug, slug));
  if (!row) throw notFound('Mentor');
  return row.id;
}

export async function updateMentorProfile(db: Db, userId: string, patch: ApplicationDraft) {
  const result = await inTransaction(db, async (tx) => {
    const [current] = await tx.select().from(mentors).where(eq(mentors.userId, userId)).for('update');
    if (!current) throw notFound('Mentor profile');
    const price30 = patch.price30Paise ?? current.price30Paise;
    const price60 = patch.price60Paise ?? current.price60Paise;
    if (price60 < price30) {
      throw new AppError('validation_failed', 'The request is invalid', 422, {
        errors: [{ path: 'price60Paise', message: 'The 60-minute price cannot be below the 30-minute price' }],
      });
    }
    await tx
      .update(mentors)
      .set({ ...patch, ...(patch.experience ? { companies: companiesOf(patch.experience) } : {}), updatedAt: clock.now() })
      .where(eq(mentors.userId, userId));
    return getOwnMentorProfile(tx, userId);
  });
  invalidateDiscovery(db);
  return result;
}

export async function setAcceptingBookings(db: Db, userId: string, accepting: boolean) {
  const rows = await db.update(mentors).set({ acceptingBookings: accepting, updatedAt: clock.now() }).where(eq(mentors.userId, userId)).returning({ slug: mentors.slug });
  if (rows.length === 0) throw notFound('Mentor profile');
  invalidateDiscovery(db);
  return { accepting, slug: rows[0]!.slug };
}

/** A new avatar shows on the mentor's card, so discovery forgets what it cached. */
export function mentorCardChanged(db: Db): void {
  invalidateDiscovery(db);
}

/** Values present among discoverable mentors, with counts, for the filter controls. */
export async function discoveryFacets(db: Db) {
  const facet = (column: AnyPgColumn) =>
    db
      .select({ value: sql<string>`v`, count: sql<number>`count(*)::int` })
      .from(sql`${mentors}, unnest(${column}) as v`)
      .where(eq(mentors.acceptingBookings, true))
      .groupBy(sql`v`)
      .orderBy(sql`count(*) desc`, sql`v`)
      .limit(100);
  const [expertise, companies, languages, [range]] = await Promise.all([
    facet(mentors.expertise),
    facet(mentors.companies),
    facet(mentors.languages),
    db
      .select({ minPaise: sql<number | null>`min(${mentors.price30Paise})`.mapWith(Number), maxPaise: sql<number | null>`max(${mentors.price30Paise})`.mapWith(Number) })
      .from(mentors)
      .where(eq(mentors.acceptingBookings, true)),
  ]);
  return {
    expertise,
    companies,
    languages,
    topics: [...SESSION_TOPICS],
    priceRange: { minPaise: range?.minPaise ?? null, maxPaise: range?.maxPaise ?? null },
  };
}

/**
 * The read-only join target for other modules' queries that start from a mentor or their slug (ADR 0006): a view
 * with the mentor's id, slug, time zone, whether they take bookings, and their prices.
 */
export { mentorCards } from './mentors.tables.js';

/** What a mentor charges, found by slug (undefined for no such mentor); one statement. */
export async function getMentorPrices(db: Db, slug: string): Promise<{ userId: string; price30Paise: number; price60Paise: number } | undefined> {
  const [row] = await db.select({ userId: mentors.userId, price30Paise: mentors.price30Paise, price60Paise: mentors.price60Paise }).from(mentors).where(eq(mentors.slug, slug));
  return row;
}

/** What scheduling needs to know about a mentor. */
export async function mentorScheduling(db: Db, userId: string) {
  const [row] = await db
    .select({ userId: mentors.userId, slug: mentors.slug, timeZone: mentors.timeZone, acceptingBookings: mentors.acceptingBookings })
    .from(mentors)
    .where(eq(mentors.userId, userId));
  if (!row) throw notFound('Mentor profile');
  return row;
}

/** A mentor cancelled a confirmed session: it counts towards their public cancellation rate. */
export async function recordMentorCancellation(db: Db, mentorId: string): Promise<void> {
  await db
    .update(mentors)
    .set({ sessionsCancelledByMentor: sql`${mentors.sessionsCancelledByMentor} + 1`, sessionsConfirmed: sql`${mentors.sessionsConfirmed} + 1` })
    .where(eq(mentors.userId, mentorId));
  mentorCardChanged(db);
}

/** The mentor's rating as the reviews module computed it, written in the caller's transaction (the review's own). */
export async function setMentorRating(db: Db, mentorId: string, rating: { average: number | null; count: number }): Promise<void> {
  await db.update(mentors).set({ ratingAvg: rating.average, ratingCount: rating.count }).where(eq(mentors.userId, mentorId));
  mentorCardChanged(db);
}

/**
 * Takes the counters' rows of these mentors for the caller's transaction, in the mentors' order, so batches settling
 * the same mentors never deadlock, and what a batch counts before updating them (its students' earlier sessions)
 * already includes every batch that updated them before it.
 */
export async function lockMentorCounters(db: Db, mentorIds: string[]): Promise<void> {
  const ids = [...new Set(mentorIds)].sort();
  if (ids.length === 0) return;
  await db.execute(sql`select 1 from ${mentors} where ${mentors.userId} in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}) order by ${mentors.userId} for no key update`);
}

/**
 * Sessions settled (PRODUCT.md §7 stats), each counted for its mentor: completed sessions, how many distinct students
 * came and how many came back (a student's first and second completed session), and the sessions the mentor never
 * joined. One statement for a whole batch, in the caller's transaction.
 */
export async function recordSessionOutcomes(db: Db, outcomes: { mentorId: string; status: 'completed' | 'no_show_mentor' | 'no_show_student'; completedWithStudentBefore: number }[]): Promise<void> {
  if (outcomes.length === 0) return;
  const deltas = new Map<string, { completed: number; distinct: number; repeat: number; noShows: number; confirmed: number }>();
  for (const o of outcomes) {
    const d = deltas.get(o.mentorId) ?? { completed: 0, distinct: 0, repeat: 0, noShows: 0, confirmed: 0 };
    const completed = o.status === 'completed';
    d.completed += completed ? 1 : 0;
    d.distinct += completed && o.completedWithStudentBefore === 0 ? 1 : 0;
    d.repeat += completed && o.completedWithStudentBefore === 1 ? 1 : 0;
    d.noShows += o.status === 'no_show_mentor' ? 1 : 0;
    d.confirmed += 1;
    deltas.set(o.mentorId, d);
  }
  const input = [...deltas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([mentorId, d]) => ({ mentor_id: mentorId, ...d }));
  await lockMentorCounters(
    db,
    input.map((d) => d.mentor_id),
  );
  await db
    .update(mentors)
    .set({
      sessionsCompleted: sql`${mentors.sessionsCompleted} + d.completed`,
      distinctStudents: sql`${mentors.distinctStudents} + d.distinct`,
      repeatStudents: sql`${mentors.repeatStudents} + d.repeat`,
      mentorNoShows: sql`${mentors.mentorNoShows} + d.no_shows`,
      sessionsConfirmed: sql`${mentors.sessionsConfirmed} + d.confirmed`,
    })
    .from(sql`jsonb_to_recordset(${JSON.stringify(input.map(({ noShows, ...d }) => ({ ...d, no_shows: noShows })))}::jsonb) as d(mentor_id uuid, completed int, "distinct" int, repeat int, no_shows int, confirmed int)`)
    .where(sql`${mentors.userId} = d.mentor_id`);
  mentorCardChanged(db);
}

/** A confirmed booking of this mentor ended without a session (the student cancelled): it counts as confirmed. */
export async function recordSessionConfirmed(db: Db, mentorId: string): Promise<void> {
  await db.update(mentors).set({ sessionsConfirmed: sql`${mentors.sessionsConfirmed} + 1` }).where(eq(mentors.userId, mentorId));
}

/** How many applications wait for an admin (for the admin's queue counts, composed into one statement). */
export const pendingApplicationsCount = (): SQL<number> => sql<number>`(select count(*)::int from ${mentorApplications} where status = 'pending')`;
