import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.js';
import { createTestDatabase, usingServerPostgres } from '../src/db/test-database.js';
import { sql } from 'drizzle-orm';
import { ensurePairConversation } from '../src/modules/chat/chat.service.js';
import { connected, emitWithAck, nextEvent } from '../src/test-support/sockets.js';
import { validApplication } from '../src/test-support/test-app.js';

/**
 * Two server processes on one PostgreSQL and one Redis, as behind a load balancer: what happens on one reaches the
 * sockets held by the other (Socket.IO's Redis Streams adapter). Server PostgreSQL and the machine's Redis only.
 */
const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.resolve(backendDir, '../node_modules/.bin/tsx');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const JWT_SECRET = randomBytes(48).toString('base64url');

interface Instance {
  child: ChildProcess;
  origin: string;
  output: () => string;
}

const children: ChildProcess[] = [];
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const sockets: Socket[] = [];

async function startInstance(databaseUrl: string, prefix: string): Promise<Instance> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let output = '';
  const child = spawn(tsx, ['src/server.ts'], {
    cwd: backendDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mc-rt-')),
      JWT_SECRET,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  // Bounded only for a failure: start-up itself is waited for, not timed.
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`instance exited:\n${output}`);
    const ok = await fetch(`${origin}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, origin, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`instance did not start:\n${output}`);
}

async function api(instance: Instance, method: string, url: string, token: string | null, body?: unknown) {
  const res = await fetch(`${instance.origin}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

async function register(instance: Instance, name: string) {
  const res = await api(instance, 'POST', '/api/auth/register', null, { name, email: `${randomUUID()}@example.test`, password: 'correct horse 1' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { token: res.body.accessToken as string, id: (res.body.user as { id: string }).id };
}

/** A mentor as the product makes one: an application, approved by an admin (made an admin in the database). */
async function approvedMentorVia(instance: Instance, name: string) {
  const adminEmail = `${randomUUID()}@example.test`;
  const admin = await api(instance, 'POST', '/api/auth/register', null, { name: 'Instance Admin', email: adminEmail, password: 'correct horse 1' });
  await database.db.execute(sql`update users set role = 'admin' where id = ${(admin.body.user as { id: string }).id}`);
  const adminToken = (await api(instance, 'POST', '/api/auth/login', null, { email: adminEmail, password: 'correct horse 1' })).body.accessToken as string;
  const email = `${randomUUID()}@example.test`;
  const person = await api(instance, 'POST', '/api/auth/register', null, { name, email, password: 'correct horse 1' });
  const applied = await api(instance, 'POST', '/api/mentors/applications', person.body.accessToken as string, validApplication());
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  const approved = await api(instance, 'POST', `/api/admin/mentor-applications/${applied.body.id as string}/approve`, adminToken);
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  const token = (await api(instance, 'POST', '/api/auth/login', null, { email, password: 'correct horse 1' })).body.accessToken as string;
  return { token, id: (person.body.user as { id: string }).id, slug: approved.body.mentorSlug as string };
}

/** The job command (`npm run job -- <name> --now ISO`) as its own process on the same database; resolves with what it printed. */
function jobProcess(databaseUrl: string, name: string, now: Date): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(tsx, ['src/cli.ts', 'job', name, '--now', now.toISOString()], {
      cwd: backendDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', DATABASE_URL: databaseUrl, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mc-job-')), JWT_SECRET, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${name} exited ${code}:\n${output}`))));
  });
}

/** A session with `mentor` at `startsAt`, booked and paid in the sandbox through `instance`, as the web app does. */
async function bookAndPayVia(instance: Instance, student: { token: string }, mentor: { slug: string }, startsAt: Date): Promise<string> {
  const created = await api(instance, 'POST', '/api/bookings', student.token, { mentorSlug: mentor.slug, startsAt: startsAt.toISOString(), durationMinutes: 30, topic: 'Two instances', agenda: 'Reminders once' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const checkout = created.body.checkout as { keyId: string; orderId: string };
  const paid = await fetch(`${instance.origin}/sandbox/razorpay/v1/checkout/pay`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key_id: checkout.keyId, order_id: checkout.orderId, outcome: 'success', method: 'upi' }),
  });
  const verified = await api(instance, 'POST', '/api/payments/verify', student.token, await paid.json());
  expect(verified.body.status, JSON.stringify(verified.body)).toBe('confirmed');
  return verified.body.id as string;
}

function socketOn(instance: Instance, namespace: '/chat' | '/notifications', token: string): Promise<Socket> {
  const socket = io(`${instance.origin}${namespace}`, { auth: { token }, transports: ['websocket'], forceNew: true });
  sockets.push(socket);
  return connected(socket);
}

describe.runIf(usingServerPostgres())('two instances on one PostgreSQL and Redis', () => {
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    database = await createTestDatabase();
    const prefix = `mc-test-${randomUUID()}`;
    [a, b] = await Promise.all([startInstance(database.url!, prefix), startInstance(database.url!, prefix)]);
  }, 180_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database?.close();
  });

  it('when a message is sent through instance A, then a socket on instance B receives it in order, and B’s read receipt reaches A', async () => {
    const student = await register(a, 'Instance Student');
    const mentor = await register(b, 'Instance Mentor');
    // The pair's conversation, as a confirmed booking opens it (the chat service on the shared database).
    const { id } = await ensurePairConversation(database.db, { mentorId: mentor.id, studentId: student.id }, 'booking');
    const [onA, onB] = await Promise.all([socketOn(a, '/chat', student.token), socketOn(b, '/chat', mentor.token)]);
    const received: string[] = [];
    onB.on('message:new', (p: { message: { text: string } }) => received.push(p.message.text));
    const acks: Array<{ id: string; seq: number }> = [];
    for (const text of ['one', 'two', 'three']) acks.push(await emitWithAck<{ id: string; seq: number }>(onA, 'message:send', { conversationId: id, clientId: randomUUID(), text }));
    await nextEvent(onB, 'message:new', (p: { message: { id: string } }) => p.message.id === acks[2]!.id);
    expect(received).toEqual(['one', 'two', 'three']);
    const typing = nextEvent(onA, 'typing');
    await emitWithAck(onB, 'typing', { conversationId: id });
    expect(await typing).toEqual({ conversationId: id, userId: mentor.id });
    const receipt = nextEvent(onA, 'read');
    expect(await emitWithAck(onB, 'read', { conversationId: id, messageId: acks[2]!.id })).toEqual({ lastReadSeq: acks[2]!.seq, unread: 0 });
    expect(await receipt).toMatchObject({ conversationId: id, userId: mentor.id, messageId: acks[2]!.id });
  }, 60_000);

  it('when instance A notifies someone whose bell is open on instance B, then the bell rings there with the unread count', async () => {
    const adminEmail = `${randomUUID()}@example.test`;
    const admin = await api(a, 'POST', '/api/auth/register', null, { name: 'Bell Admin', email: adminEmail, password: 'correct horse 1' });
    await database.db.execute(sql`update users set role = 'admin' where id = ${(admin.body.user as { id: string }).id}`);
    const adminToken = (await api(a, 'POST', '/api/auth/login', null, { email: adminEmail, password: 'correct horse 1' })).body.accessToken as string;
    const applicant = await register(b, 'Bell Applicant');
    const applied = await api(b, 'POST', '/api/mentors/applications', applicant.token, validApplication());
    expect(applied.status).toBe(201);
    const bell = await socketOn(b, '/notifications', applicant.token);
    const rung = nextEvent<{ notification: { type: string }; unread: number }>(bell, 'notification:new');
    expect((await api(a, 'POST', `/api/admin/mentor-applications/${applied.body.id as string}/approve`, adminToken)).status).toBe(200);
    expect(await rung).toMatchObject({ notification: { type: 'application_approved' }, unread: 1 });
  }, 60_000);

  it('when a conversation opens through instance B, then the other person’s socket on A joins it and hears its first message', async () => {
    const mentor = await approvedMentorVia(a, 'Late Mentor');
    const student = await register(b, 'Late Student');
    const [onA, onB] = await Promise.all([socketOn(a, '/chat', mentor.token), socketOn(b, '/chat', student.token)]);
    // Opened after both connected, through B ("Message mentor"): A's socket is put in its room through the adapter.
    const opened = nextEvent<{ conversationId: string; unread: number }>(onA, 'conversation:updated');
    const made = await api(b, 'POST', '/api/conversations', student.token, { mentorSlug: mentor.slug });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id as string;
    expect((await opened).conversationId).toBe(id);
    const heard = nextEvent<{ message: { text: string } }>(onA, 'message:new');
    await emitWithAck(onB, 'message:send', { conversationId: id, clientId: randomUUID(), text: 'Welcome aboard' });
    expect((await heard).message.text).toBe('Welcome aboard');
  }, 60_000);

  it('when both instances’ job commands run send-reminders and send-message-emails at once, then each reminder and each unread-message notice is told once', async () => {
    const mentor = await approvedMentorVia(a, 'Reminded Mentor');
    const open = await api(a, 'PUT', '/api/mentors/me/availability', mentor.token, {
      settings: { timeZone: 'UTC', sessionLengths: [30, 60], bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minNoticeMinutes: 0, horizonDays: 90, slotIntervalMinutes: 30, dailyLimit: null, weeklyLimit: null },
      weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 })),
    });
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    // Two sessions back to back two days ahead (on the half hour), booked through either instance.
    const HOUR = 3_600_000;
    const first = Math.ceil((Date.now() + 48 * HOUR) / (HOUR / 2)) * (HOUR / 2);
    const bookings: string[] = [];
    const students: Array<{ token: string; id: string }> = [];
    for (let i = 0; i < 2; i++) {
      const student = await register(i % 2 === 0 ? a : b, `Reminded Student ${i}`);
      students.push(student);
      bookings.push(await bookAndPayVia(i % 2 === 0 ? a : b, student, mentor, new Date(first + (i * HOUR) / 2)));
    }
    // Each pair's conversation opened with its booking; every student writes, and the mentor reads none of it.
    const mine = await api(a, 'GET', '/api/conversations', mentor.token);
    const conversations = mine.body.items as Array<{ id: string; members: Array<{ id: string }> }>;
    expect(conversations).toHaveLength(2);
    for (const [i, student] of students.entries()) {
      const conversation = conversations.find((c) => c.members.some((m) => m.id === student.id))!;
      const sent = await api(i % 2 === 0 ? b : a, 'POST', `/api/conversations/${conversation.id}/messages`, student.token, { clientId: randomUUID(), text: `Question ${i}` });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    }

    // Both instances' job commands at once: the 24-hour reminders of both sessions are due at one instant, the
    // messages are six minutes old at the other.
    const reminderNow = new Date(first + 35 * 60_000 - 24 * HOUR);
    const messageNow = new Date(Date.now() + 6 * 60_000);
    const printed = await Promise.all([
      jobProcess(database.url!, 'send-reminders', reminderNow),
      jobProcess(database.url!, 'send-reminders', reminderNow),
      jobProcess(database.url!, 'send-message-emails', messageNow),
      jobProcess(database.url!, 'send-message-emails', messageNow),
    ]);
    expect(printed.filter((line) => line.includes('handled (now ='))).toHaveLength(4);

    const byBooking = sql.join(bookings.map((id) => sql`${id}`), sql`, `);
    const reminders = rowsOf<{ user_id: string; booking_id: string }>(
      await database.db.execute(sql`select user_id, data->>'bookingId' as booking_id from notifications where type = 'session_reminder' and data->>'bookingId' in (${byBooking})`),
    );
    // Each session: one 24-hour reminder for its student and one for the mentor, never two.
    expect(reminders.map((r) => `${r.booking_id}:${r.user_id}`).sort()).toEqual(bookings.flatMap((id, i) => [`${id}:${students[i]!.id}`, `${id}:${mentor.id}`]).sort());
    const reminderEmails = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from email_outbox o join unnest(array[${byBooking}]::text[]) as b(id) on o.dedupe_key like 'booking:' || b.id || ':reminder:%'`),
    );
    expect(reminderEmails[0]!.n).toBe(4);
    const notices = rowsOf<{ conversation_id: string }>(await database.db.execute(sql`select data->>'conversationId' as conversation_id from notifications where type = 'new_message' and user_id = ${mentor.id}`));
    expect(notices.map((r) => r.conversation_id).sort()).toEqual(conversations.map((c) => c.id).sort());
    const messageEmails = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from email_outbox where type = 'new_message' and user_id = ${mentor.id}`));
    expect(messageEmails[0]!.n).toBe(2);
  }, 180_000);
});
