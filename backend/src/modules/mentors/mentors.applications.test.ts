import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp, type TestSmtp } from '../../test-support/smtp.js';
import { approvedMentor, createAdmin, createTestApp, loginAs, registerUser, validApplication, type TestApp } from '../../test-support/test-app.js';
import { auditLog } from '../audit/audit.tables.js';
import { notifications } from '../notifications/notifications.tables.js';
import { users } from '../users/users.tables.js';
import { mentorApplications } from './mentors.tables.js';

let t: TestApp;
let smtp: TestSmtp;
let admin: { id: string; token: string };

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://mentor.example' });
  admin = await createAdmin(t);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const apply = (token: string, body: object) => t.http().post('/api/mentors/applications').set(bearer(token)).send(body);
const emailsTo = (address: string) => smtp.received.filter((m) => m.to?.some((to) => to.address === address));

describe('applying', () => {
  it('when a student saves a partial draft, then it is kept as a draft and can be completed later', async () => {
    const student = await registerUser(t);
    const draft = await t.http().put('/api/mentors/applications/me/draft').set(bearer(student.accessToken)).send({ headline: 'Backend engineer and teacher', price30Paise: 50_000 });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ status: 'draft', headline: 'Backend engineer and teacher', price30Paise: 50_000, bio: null });

    const mine = await t.http().get('/api/mentors/applications/me').set(bearer(student.accessToken));
    expect(mine.body.status).toBe('draft');

    const submitted = await apply(student.accessToken, validApplication());
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ id: draft.body.id, status: 'pending', rejectionReason: null });
    expect(submitted.body.submittedAt).toEqual(expect.any(String));
  });

  it('when the application is under review, then neither a resubmission nor a draft can change it', async () => {
    const student = await registerUser(t);
    await apply(student.accessToken, validApplication()).expect(201);
    const again = await apply(student.accessToken, validApplication({ headline: 'A completely new headline' }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('application_pending');
    const draft = await t.http().put('/api/mentors/applications/me/draft').set(bearer(student.accessToken)).send({ headline: 'Sneaky edit while pending' });
    expect(draft.status).toBe(409);
    const [row] = await t.database.db.select().from(mentorApplications).where(eq(mentorApplications.userId, student.user.id));
    expect(row!.headline).toBe(validApplication().headline);
  });

  it.each([
    ['price60Paise', { price30Paise: 200_000, price60Paise: 150_000 }],
    ['price30Paise', { price30Paise: 5_000 }],
    ['price60Paise', { price60Paise: 20_000_000 }],
    ['price30Paise', { price30Paise: 1000.5 }],
    ['sessionTopics.0', { sessionTopics: ['Astrology'] }],
    ['languages', { languages: [] }],
    ['expertise', { expertise: ['Go', 'go'] }],
    ['linkedinUrl', { linkedinUrl: 'https://evil.example/in/me' }],
    ['timeZone', { timeZone: 'Mars/Base' }],
    ['experience.0.years', { experience: [{ company: 'X', role: 'Y', years: -1 }] }],
    ['bio', { bio: 'too short' }],
    ['status', { status: 'approved' }],
  ])('when %s is invalid, then 422 names it and nothing is stored', async (field, override) => {
    const student = await registerUser(t);
    const res = await apply(student.accessToken, validApplication(override));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect((await t.http().get('/api/mentors/applications/me').set(bearer(student.accessToken))).status).toBe(404);
  });

  it('when anonymous, then 401; when an admin applies, then 403; when a mentor applies, then 409', async () => {
    expect((await t.http().post('/api/mentors/applications').send(validApplication())).status).toBe(401);
    expect((await apply(admin.token, validApplication())).status).toBe(403);
    const mentor = await approvedMentor(t, admin, { name: 'Already Mentor' });
    const res = await apply(mentor.accessToken, validApplication());
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('already_mentor');
  });

  it('when another user asks for "my application", then they see only their own (404 when they have none)', async () => {
    const applicant = await registerUser(t);
    await apply(applicant.accessToken, validApplication()).expect(201);
    const other = await registerUser(t);
    expect((await t.http().get('/api/mentors/applications/me').set(bearer(other.accessToken))).status).toBe(404);
  });
});

describe('admin review', () => {
  it('when a student or mentor opens the queue, then 403; when anonymous, then 401; an admin sees applicant details', async () => {
    const student = await registerUser(t);
    await apply(student.accessToken, validApplication({ headline: 'Queue visible headline here' })).expect(201);
    expect((await t.http().get('/api/admin/mentor-applications').set(bearer(student.accessToken))).status).toBe(403);
    expect((await t.http().get('/api/admin/mentor-applications')).status).toBe(401);
    const queue = await t.http().get('/api/admin/mentor-applications?status=pending&limit=100').set(bearer(admin.token));
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((i: { applicant: { id: string } }) => i.applicant.id === student.user.id);
    expect(item).toMatchObject({ status: 'pending', headline: 'Queue visible headline here', applicant: { email: student.email, name: 'Test User' } });
    expect(queue.body.total).toBeGreaterThanOrEqual(1);
    expect((await t.http().get('/api/admin/mentor-applications?status=bogus').set(bearer(admin.token))).body.errors[0].path).toBe('status');
  });

  it('when an admin approves, then the user becomes a findable mentor, gets a notification and one email; approving again changes nothing', async () => {
    const student = await registerUser(t, { name: 'Zanele Approved' });
    const applied = await apply(student.accessToken, validApplication({ headline: 'Quantum widgets expert and mentor' })).expect(201);
    const before = smtp.received.length;

    const approved = await t.http().post(`/api/admin/mentor-applications/${applied.body.id}/approve`).set(bearer(admin.token));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', mentorSlug: 'zanele-approved' });

    const [user] = await t.database.db.select().from(users).where(eq(users.id, student.user.id));
    expect(user!.role).toBe('mentor');
    const found = await t.http().get('/api/mentors?q=quantum');
    expect(found.body.items.map((m: { slug: string }) => m.slug)).toEqual(['zanele-approved']);

    await smtp.waitFor(before + 1);
    const [mail] = emailsTo(student.email);
    expect(mail!.subject).toBe('Your mentor application is approved');
    expect(mail!.html).toContain('https://mentor.example/mentors/zanele-approved');
    expect(mail!.text).toContain('https://mentor.example/mentors/zanele-approved');
    const notes = await t.database.db.select().from(notifications).where(eq(notifications.userId, student.user.id));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ type: 'application_approved', actionUrl: '/mentors/zanele-approved' });

    const again = await t.http().post(`/api/admin/mentor-applications/${applied.body.id}/approve`).set(bearer(admin.token));
    expect(again.status).toBe(200);
    expect(again.body.mentorSlug).toBe('zanele-approved');
    await t.built.jobs.idle();
    expect(emailsTo(student.email)).toHaveLength(1);
    expect(await t.database.db.select().from(notifications).where(eq(notifications.userId, student.user.id))).toHaveLength(1);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, applied.body.id));
    expect(audit).toEqual([expect.objectContaining({ actorId: admin.id, action: 'mentor_application.approve' })]);
  });

  it('when an admin rejects with a reason, then the applicant is emailed the (escaped) reason, cannot be approved, and may apply again', async () => {
    const student = await registerUser(t);
    const applied = await apply(student.accessToken, validApplication()).expect(201);
    const reason = 'Please add <b>more</b> detail about your experience';
    const rejected = await t.http().post(`/api/admin/mentor-applications/${applied.body.id}/reject`).set(bearer(admin.token)).send({ reason });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: reason });

    await t.built.jobs.idle();
    const [mail] = emailsTo(student.email);
    expect(mail!.html).toContain('Please add &lt;b&gt;more&lt;/b&gt; detail');
    expect(mail!.text).toContain(`Reason: ${reason}`);

    const approve = await t.http().post(`/api/admin/mentor-applications/${applied.body.id}/approve`).set(bearer(admin.token));
    expect(approve.status).toBe(409);
    expect(approve.body.code).toBe('application_rejected');
    const mine = await t.http().get('/api/mentors/applications/me').set(bearer(student.accessToken));
    expect(mine.body).toMatchObject({ status: 'rejected', rejectionReason: reason });

    const reapplied = await apply(student.accessToken, validApplication({ headline: 'Improved headline with more detail' }));
    expect(reapplied.status).toBe(201);
    expect(reapplied.body).toMatchObject({ id: applied.body.id, status: 'pending', rejectionReason: null });
    const finallyApproved = await t.http().post(`/api/admin/mentor-applications/${applied.body.id}/approve`).set(bearer(admin.token));
    expect(finallyApproved.status).toBe(200);
  });

  it('when the reason is missing, the id is unknown or not a uuid, or the caller is no admin, then the application is untouched', async () => {
    const student = await registerUser(t);
    const applied = await apply(student.accessToken, validApplication()).expect(201);
    const id = applied.body.id as string;
    expect((await t.http().post(`/api/admin/mentor-applications/${id}/reject`).set(bearer(admin.token)).send({ reason: '' })).body.errors[0].path).toBe('reason');
    expect((await t.http().post(`/api/admin/mentor-applications/${crypto.randomUUID()}/approve`).set(bearer(admin.token))).status).toBe(404);
    expect((await t.http().post('/api/admin/mentor-applications/not-a-uuid/approve').set(bearer(admin.token))).body.errors[0].path).toBe('id');
    expect((await t.http().post(`/api/admin/mentor-applications/${id}/approve`).set(bearer(student.accessToken))).status).toBe(403);
    const [row] = await t.database.db.select().from(mentorApplications).where(eq(mentorApplications.id, id));
    expect(row!.status).toBe('pending');
  });

  it('when two mentors share a name, then slugs are suffixed; renaming keeps the slug and search follows the new name', async () => {
    const first = await approvedMentor(t, admin, { name: 'Ravi Kumar' });
    const second = await approvedMentor(t, admin, { name: 'Ravi Kumar' });
    const third = await approvedMentor(t, admin, { name: 'Ravi  Kumár!' });
    expect([first.slug, second.slug, third.slug]).toEqual(['ravi-kumar', 'ravi-kumar-2', 'ravi-kumar-3']);

    await t.http().patch('/api/users/me').set(bearer(second.accessToken)).send({ name: 'Xerxes Renamed' }).expect(200);
    const profile = await t.http().get(`/api/mentors/${second.slug}`);
    expect(profile.body).toMatchObject({ slug: 'ravi-kumar-2', name: 'Xerxes Renamed' });
    const found = await t.http().get('/api/mentors?q=xerxes');
    expect(found.body.items.map((m: { slug: string }) => m.slug)).toEqual(['ravi-kumar-2']);
  });

  it('when the approved user refreshes, then the new access token carries the mentor role', async () => {
    const account = await registerUser(t);
    const applied = await apply(account.accessToken, validApplication()).expect(201);
    await t.http().post(`/api/admin/mentor-applications/${applied.body.id}/approve`).set(bearer(admin.token)).expect(200);
    expect((await t.http().get('/api/mentors/me').set(bearer(account.accessToken))).status).toBe(403);
    const refreshed = await t.http().post('/api/auth/refresh').set('Cookie', account.cookie);
    expect(refreshed.body.user.role).toBe('mentor');
    expect((await t.http().get('/api/mentors/me').set(bearer(refreshed.body.accessToken))).status).toBe(200);
    expect(await loginAs(t, account.email, account.password)).toEqual(expect.any(String));
  });
});
