import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import jwt from 'jsonwebtoken';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authSettings } from '../../app.js';
import { rowsOf } from '../../db/client.js';
import { clock, fixedClock, setClock } from '../../lib/clock.js';
import { signAccessToken } from '../auth/auth.service.js';
import { createTestDatabase } from '../../db/test-database.js';
import { statementCounter } from '../../test-support/statements.js';
import { bearer, bookableMentor, bookAndPay, createBooking, createGroupSlot, futureStart, paidSeat, type Account } from '../../test-support/bookings.js';
import { collect, connected, connectSocket, emitWithAck, nextEvent } from '../../test-support/sockets.js';
import { createAdmin, createTestApp, registerUser, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
let admin: { id: string; token: string };
let mentor: Awaited<ReturnType<typeof bookableMentor>>;
const sockets: Socket[] = [];

const counter = statementCounter();

beforeAll(async () => {
  t = await createTestApp({ CHAT_MESSAGES_PER_10S: '8' }, await createTestDatabase({ onQuery: counter.onQuery }));
  admin = await createAdmin(t);
  mentor = await bookableMentor(t, admin, { name: 'Chat Mentor' });
}, 60_000);
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(async () => {
  await t?.close();
});

async function open(token: string, namespace: '/chat' | '/notifications' = '/chat'): Promise<Socket> {
  const socket = connectSocket(t, namespace, token);
  sockets.push(socket);
  return connected(socket);
}

async function conversationWith(student: Account): Promise<string> {
  const res = await t.http().post('/api/conversations').set(bearer(student.accessToken)).send({ mentorSlug: mentor.slug });
  expect([200, 201]).toContain(res.status);
  return res.body.id as string;
}

const count = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await t.database.db.execute(query))[0]!.n);

describe('conversations over REST', () => {
  it('when a student messages a mentor, then one conversation opens for both (again: the same one); a stranger sees none of it (404)', async () => {
    const student = await registerUser(t, { name: 'Priya Student' });
    const first = await t.http().post('/api/conversations').set(bearer(student.accessToken)).send({ mentorSlug: mentor.slug });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'pair', mentorId: mentor.user.id, unread: 0, lastMessage: null, muted: false });
    expect(first.body.members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
      ['Chat Mentor', 'mentor'],
      ['Priya Student', 'student'],
    ]);
    const again = await t.http().post('/api/conversations').set(bearer(student.accessToken)).send({ mentorSlug: mentor.slug });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const mine = await t.http().get('/api/conversations').set(bearer(mentor.accessToken));
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(first.body.id);

    const stranger = await registerUser(t, { name: 'Stranger' });
    const id = first.body.id as string;
    for (const res of [
      await t.http().get(`/api/conversations/${id}`).set(bearer(stranger.accessToken)),
      await t.http().get(`/api/conversations/${id}/messages`).set(bearer(stranger.accessToken)),
      await t.http().post(`/api/conversations/${id}/messages`).set(bearer(stranger.accessToken)).send({ clientId: 'c1', text: 'hello' }),
      await t.http().post(`/api/conversations/${id}/read`).set(bearer(stranger.accessToken)).send({ messageId: randomUUID() }),
      await t.http().patch(`/api/conversations/${id}`).set(bearer(stranger.accessToken)).send({ muted: true }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await count(sql`select count(*)::int as n from messages where conversation_id = ${id}`)).toBe(0);
    expect((await t.http().get('/api/conversations').set(bearer(stranger.accessToken))).body).toEqual({ items: [], unread: 0 });
  });

  it('when a student starts a sixth new conversation in a day, then 409; bad input is 422 naming the field; a mentor cannot start one (403)', async () => {
    const student = await registerUser(t, { name: 'Busy Student' });
    for (let i = 0; i < 5; i++) {
      const other = await bookableMentor(t, admin, { name: `Mentor ${i}` });
      expect((await t.http().post('/api/conversations').set(bearer(student.accessToken)).send({ mentorSlug: other.slug })).status).toBe(201);
    }
    const sixth = await t.http().post('/api/conversations').set(bearer(student.accessToken)).send({ mentorSlug: mentor.slug });
    expect(sixth.status).toBe(409);
    expect(sixth.body.code).toBe('conversation_limit');
    for (const [body, field] of [
      [{}, 'mentorSlug'],
      [{ mentorSlug: 'nobody-has-this' }, 'mentorSlug'],
      [{ mentorSlug: mentor.slug, extra: 1 }, 'extra'],
    ] as const) {
      const res = await t.http().post('/api/conversations').set(bearer(student.accessToken)).send(body);
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    expect((await t.http().post('/api/conversations').set(bearer(mentor.accessToken)).send({ mentorSlug: mentor.slug })).status).toBe(403);
    expect((await t.http().get('/api/conversations')).status).toBe(401);
  });

  it('when a booking is confirmed, then the pair’s conversation opens by itself', async () => {
    const student = await registerUser(t, { name: 'Booked Student' });
    await bookAndPay(t, student, mentor, futureStart(30));
    await t.settle();
    const list = await t.http().get('/api/conversations').set(bearer(student.accessToken));
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ kind: 'pair', mentorId: mentor.user.id });
  });

  it('when a booking’s page asks for its conversation, then it is the pair’s (or the group session’s, named after it); before payment, for a stranger or an admin it is 404', async () => {
    const student = await registerUser(t, { name: 'Page Student' });
    const unpaid = await createBooking(t, student, { mentorSlug: mentor.slug, startsAt: futureStart(60).toISOString(), durationMinutes: 60 });
    expect(unpaid.status, JSON.stringify(unpaid.body)).toBe(201);
    expect((await t.http().get(`/api/conversations/by-booking/${unpaid.body.booking.id}`).set(bearer(student.accessToken))).status).toBe(404);

    const { booking } = await bookAndPay(t, student, mentor, futureStart(34));
    const [forStudent, forMentor] = await Promise.all([
      t.http().get(`/api/conversations/by-booking/${booking.id}`).set(bearer(student.accessToken)),
      t.http().get(`/api/conversations/by-booking/${booking.id}`).set(bearer(mentor.accessToken)),
    ]);
    expect(forStudent.status).toBe(200);
    expect(forStudent.body).toMatchObject({ kind: 'pair', mentorId: mentor.user.id, title: null });
    expect(forMentor.body.id).toBe(forStudent.body.id);
    const stranger = await registerUser(t, { name: 'Page Stranger' });
    for (const token of [stranger.accessToken, admin.token]) {
      const res = await t.http().get(`/api/conversations/by-booking/${booking.id}`).set(bearer(token));
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.http().get('/api/conversations/by-booking/not-a-uuid').set(bearer(student.accessToken))).status).toBe(422);

    const slotId = await createGroupSlot(t, mentor, futureStart(80), 'System design circle');
    const seats = await Promise.all([registerUser(t, { name: 'Seat One' }), registerUser(t, { name: 'Seat Two' })]);
    const seatIds = [await paidSeat(t, seats[0]!, slotId), await paidSeat(t, seats[1]!, slotId)];
    await t.settle();
    const group = await t.http().get(`/api/conversations/by-booking/${seatIds[1]}`).set(bearer(seats[1]!.accessToken));
    expect(group.status).toBe(200);
    expect(group.body).toMatchObject({ kind: 'group', title: 'System design circle' });
    expect(group.body.members.map((m: { name: string }) => m.name)).toEqual(['Chat Mentor', 'Seat One', 'Seat Two']);
    // Another seat holder's booking is not theirs.
    expect((await t.http().get(`/api/conversations/by-booking/${seatIds[0]}`).set(bearer(seats[1]!.accessToken))).status).toBe(404);
  });

  it('when messages are sent, then history pages back oldest first by position; the same clientId is stored once; a bad message is 422 and stores nothing', async () => {
    const student = await registerUser(t, { name: 'Paging Student' });
    const id = await conversationWith(student);
    for (let i = 1; i <= 7; i++) {
      const res = await t.http().post(`/api/conversations/${id}/messages`).set(bearer(student.accessToken)).send({ clientId: `m${i}`, text: `message ${i}` });
      expect(res.status).toBe(201);
    }
    const resent = await t.http().post(`/api/conversations/${id}/messages`).set(bearer(student.accessToken)).send({ clientId: 'm3', text: 'message 3' });
    expect(resent.status).toBe(200);
    expect(resent.body.text).toBe('message 3');
    const last = await t.http().get(`/api/conversations/${id}/messages?limit=3`).set(bearer(mentor.accessToken));
    expect(last.body.items.map((m: { text: string }) => m.text)).toEqual(['message 5', 'message 6', 'message 7']);
    const before = await t.http().get(`/api/conversations/${id}/messages?limit=3&before=${last.body.nextBefore}`).set(bearer(mentor.accessToken));
    expect(before.body.items.map((m: { text: string }) => m.text)).toEqual(['message 2', 'message 3', 'message 4']);
    const first = await t.http().get(`/api/conversations/${id}/messages?limit=3&before=${before.body.nextBefore}`).set(bearer(mentor.accessToken));
    expect(first.body).toMatchObject({ nextBefore: null });
    expect(first.body.items.map((m: { text: string }) => m.text)).toEqual(['message 1']);

    for (const [body, field] of [
      [{ clientId: 'x1', text: '   ' }, 'text'],
      [{ clientId: 'x2', text: 'a'.repeat(4001) }, 'text'],
      [{ clientId: 'bad id!', text: 'hi' }, 'clientId'],
      [{ clientId: 'x3', text: 'hi', attachmentIds: [randomUUID()] }, 'attachmentIds'],
    ] as const) {
      const res = await t.http().post(`/api/conversations/${id}/messages`).set(bearer(student.accessToken)).send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    expect(await count(sql`select count(*)::int as n from messages where conversation_id = ${id}`)).toBe(7);

    const html = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const sent = await t.http().post(`/api/conversations/${id}/messages`).set(bearer(student.accessToken)).send({ clientId: 'h1', text: html });
    expect(sent.body.text).toBe(html);
    expect(sent.headers['content-type']).toContain('application/json');
  });

  it('when the mentor reads, then the unread count falls to zero and never goes back; the mentor can mute, the student cannot', async () => {
    const student = await registerUser(t, { name: 'Reading Student' });
    const id = await conversationWith(student);
    const a = await t.http().post(`/api/conversations/${id}/messages`).set(bearer(student.accessToken)).send({ clientId: 'r1', text: 'one' });
    const b = await t.http().post(`/api/conversations/${id}/messages`).set(bearer(student.accessToken)).send({ clientId: 'r2', text: 'two' });
    const unreadOf = async () => (await t.http().get(`/api/conversations/${id}`).set(bearer(mentor.accessToken))).body.unread;
    expect(await unreadOf()).toBe(2);
    expect((await t.http().post(`/api/conversations/${id}/read`).set(bearer(mentor.accessToken)).send({ messageId: b.body.id })).body).toEqual({ lastReadSeq: b.body.seq, unread: 0 });
    expect((await t.http().post(`/api/conversations/${id}/read`).set(bearer(mentor.accessToken)).send({ messageId: a.body.id })).body).toEqual({ lastReadSeq: b.body.seq, unread: 0 });
    expect((await t.http().get(`/api/conversations/${id}`).set(bearer(student.accessToken))).body.members.find((m: { role: string }) => m.role === 'mentor').lastReadSeq).toBe(b.body.seq);
    expect((await t.http().patch(`/api/conversations/${id}`).set(bearer(student.accessToken)).send({ muted: true })).status).toBe(403);
    const muted = await t.http().patch(`/api/conversations/${id}`).set(bearer(mentor.accessToken)).send({ muted: true });
    expect(muted.body.muted).toBe(true);
    await t.http().post(`/api/conversations/${id}/messages`).set(bearer(student.accessToken)).send({ clientId: 'r3', text: 'three' });
    const list = await t.http().get('/api/conversations').set(bearer(mentor.accessToken));
    expect(list.body.items.find((c: { id: string }) => c.id === id).unread).toBe(1);
    // Muted: not in the mentor's total.
    expect(list.body.unread).toBe(list.body.items.filter((c: { id: string; muted: boolean }) => !c.muted).reduce((n: number, c: { unread: number }) => n + c.unread, 0));
  });
});

describe('what a message costs', () => {
  it('when a message is sent, then it is two statements whatever the history (the counts are kept, not counted), and the list and a page are one each', async () => {
    const student = await registerUser(t, { name: 'Counted Student' });
    const id = await conversationWith(student);
    const send = (clientId: string) => t.http().post(`/api/conversations/${id}/messages`).set(bearer(student.accessToken)).send({ clientId, text: 'counted' });
    for (let i = 0; i < 30; i++) await send(`warm-${i}`);
    const sent = await counter.count(() => t.settle(), () => send('counted-1'));
    expect(sent.result.status).toBe(201);
    // Authentication reads nothing; the member's lock, then the message with every count and the conversation's time.
    expect(sent.statements, sent.statements.join('\n')).toHaveLength(2);
    expect((await t.http().get(`/api/conversations/${id}`).set(bearer(mentor.accessToken))).body.unread).toBe(31);
    const list = await counter.count(() => t.settle(), () => t.http().get('/api/conversations').set(bearer(mentor.accessToken)));
    expect(list.statements).toHaveLength(1);
    const page = await counter.count(() => t.settle(), () => t.http().get(`/api/conversations/${id}/messages`).set(bearer(mentor.accessToken)));
    expect(page.statements).toHaveLength(1);
  });
});

describe('the chat over sockets', () => {
  it('when the handshake has no token, a forged one or an expired one, then the connection is refused as unauthorized', async () => {
    const forged = jwt.sign({ sub: mentor.user.id, role: 'mentor' }, 'not-our-secret', { algorithm: 'HS256' });
    // A genuine access token, signed with the app's own key, issued on a clock moved back past its lifetime: only its
    // expiry is wrong (the same token issued now connects, below).
    const settings = authSettings(t.config);
    const kept = setClock(fixedClock(new Date(clock.now().getTime() - (settings.accessTokenTtlSeconds + 60) * 1000)));
    let expired: string;
    try {
      expired = signAccessToken(settings, { id: mentor.user.id, role: 'mentor' });
    } finally {
      setClock(kept);
    }
    await connected(connectSocket(t, '/chat', signAccessToken(settings, { id: mentor.user.id, role: 'mentor' }))).then((s) => sockets.push(s));
    for (const token of [undefined, '', forged, expired, 'garbage']) {
      for (const namespace of ['/chat', '/notifications'] as const) {
        const socket = connectSocket(t, namespace, token);
        sockets.push(socket);
        await expect(connected(socket)).rejects.toThrow('unauthorized');
      }
    }
  });

  it('when one sends, then the other gets it in order with the sender’s ack first; a resend with the same clientId is the same message, told once; typing reaches only the other', async () => {
    const student = await registerUser(t, { name: 'Socket Student' });
    const id = await conversationWith(student);
    const [s, m] = await Promise.all([open(student.accessToken), open(mentor.accessToken)]);
    const received = collect<{ conversationId: string; message: { id: string; text: string; senderId: string } }>(m, 'message:new');
    const echoes = collect<{ message: { id: string } }>(s, 'message:new');
    const acks = [];
    for (const text of ['first', 'second', 'third']) acks.push(await emitWithAck<{ id: string; seq: number; duplicate: boolean }>(s, 'message:send', { conversationId: id, clientId: `k-${text}`, text }));
    expect(acks.map((a) => a.duplicate)).toEqual([false, false, false]);
    expect(acks.map((a) => a.seq)).toEqual([...acks.map((a) => a.seq)].sort((x, y) => x - y));
    const again = await emitWithAck<{ id: string; duplicate: boolean }>(s, 'message:send', { conversationId: id, clientId: 'k-second', text: 'second' });
    expect(again).toMatchObject({ id: acks[1]!.id, duplicate: true });
    // A marker after the resend: once it arrives, everything before it has too (one connection keeps its order).
    const marker = await emitWithAck<{ id: string }>(s, 'message:send', { conversationId: id, clientId: 'k-marker', text: 'marker' });
    await nextEvent(m, 'message:new', (p: { message: { id: string } }) => p.message.id === marker.id);
    expect(received.map((r) => r.message.text)).toEqual(['first', 'second', 'third', 'marker']);
    expect(received.every((r) => r.conversationId === id && r.message.senderId === student.user.id)).toBe(true);
    expect(echoes.map((e) => e.message.id)).toEqual([...acks.map((a) => a.id), marker.id]);

    const typingAtMentor = nextEvent(m, 'typing');
    const typingAtStudent = collect(s, 'typing');
    expect(await emitWithAck(s, 'typing', { conversationId: id })).toEqual({ ok: true });
    expect(await typingAtMentor).toEqual({ conversationId: id, userId: student.user.id });
    expect(typingAtStudent).toEqual([]);
  });

  it('when the mentor reads, then the student sees the read receipt and the mentor’s count falls; a new message raises the other’s count live', async () => {
    const student = await registerUser(t, { name: 'Receipt Student' });
    const id = await conversationWith(student);
    const [s, m] = await Promise.all([open(student.accessToken), open(mentor.accessToken)]);
    const countAtMentor = nextEvent<{ conversationId: string; unread: number }>(m, 'conversation:updated', (p) => p.conversationId === id && p.unread === 1);
    const sent = await emitWithAck<{ id: string; seq: number }>(s, 'message:send', { conversationId: id, clientId: 'rc1', text: 'Did you get my notes?' });
    await countAtMentor;
    const receipt = nextEvent(s, 'read');
    const cleared = nextEvent<{ conversationId: string; unread: number }>(m, 'conversation:updated', (p) => p.conversationId === id && p.unread === 0);
    expect(await emitWithAck(m, 'read', { conversationId: id, messageId: sent.id })).toEqual({ lastReadSeq: sent.seq, unread: 0 });
    expect(await receipt).toEqual({ conversationId: id, userId: mentor.user.id, messageId: sent.id, seq: sent.seq });
    await cleared;
  });

  it('when a payload is bad or the conversation is not theirs, then the ack is an error naming the field (or not found) and nothing is stored', async () => {
    const student = await registerUser(t, { name: 'Careless Student' });
    const id = await conversationWith(student);
    const stranger = await registerUser(t, { name: 'Socket Stranger' });
    const [s, x] = await Promise.all([open(student.accessToken), open(stranger.accessToken)]);
    const before = await count(sql`select count(*)::int as n from messages`);
    const bad = await emitWithAck<{ error: { code: string; errors: { path: string }[] } }>(s, 'message:send', { conversationId: id, clientId: 'ok', text: 42 });
    expect(bad.error.code).toBe('validation_failed');
    expect(bad.error.errors.map((e) => e.path)).toContain('text');
    expect((await emitWithAck<{ error: { code: string } }>(s, 'message:send', 'not an object')).error.code).toBe('validation_failed');
    expect((await emitWithAck<{ error: { code: string } }>(s, 'message:send', { conversationId: 'nope', clientId: 'ok', text: 'hi' })).error.code).toBe('validation_failed');
    expect((await emitWithAck<{ error: { code: string } }>(x, 'message:send', { conversationId: id, clientId: 'ok', text: 'let me in' })).error.code).toBe('not_found');
    expect((await emitWithAck<{ error: { code: string } }>(x, 'typing', { conversationId: id })).error.code).toBe('not_found');
    expect((await emitWithAck<{ error: { code: string } }>(x, 'read', { conversationId: id, messageId: randomUUID() })).error.code).toBe('not_found');
    expect(await count(sql`select count(*)::int as n from messages`)).toBe(before);
  });

  it('when a socket floods, then past 8 messages in 10 s each one is refused with rate_limited and is not stored', async () => {
    const student = await registerUser(t, { name: 'Flooding Student' });
    const id = await conversationWith(student);
    const s = await open(student.accessToken);
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await emitWithAck<{ id?: string; error?: { code: string } }>(s, 'message:send', { conversationId: id, clientId: `f${i}`, text: `flood ${i}` }));
    expect(answers.filter((a) => a.id)).toHaveLength(8);
    expect(answers.slice(8).map((a) => a.error?.code)).toEqual(['rate_limited', 'rate_limited', 'rate_limited', 'rate_limited']);
    expect(await count(sql`select count(*)::int as n from messages where conversation_id = ${id}`)).toBe(8);
  });

  it('when a connection drops for a moment, then on reconnecting it receives what was sent meanwhile, once', async () => {
    const student = await registerUser(t, { name: 'Dropping Student' });
    const id = await conversationWith(student);
    const [s, m] = await Promise.all([open(student.accessToken), open(mentor.accessToken)]);
    // A first event gives the mentor's socket a recovery offset.
    const warm = await emitWithAck<{ id: string }>(s, 'message:send', { conversationId: id, clientId: 'd0', text: 'before the drop' });
    await nextEvent(m, 'message:new', (p: { message: { id: string } }) => p.message.id === warm.id);
    const dropped = nextEvent(m, 'disconnect');
    m.io.engine.close();
    await dropped;
    const missed = await emitWithAck<{ id: string }>(s, 'message:send', { conversationId: id, clientId: 'd1', text: 'while you were away' });
    const got = collect<{ message: { id: string } }>(m, 'message:new');
    await nextEvent(m, 'connect');
    expect(m.recovered).toBe(true);
    const after = await emitWithAck<{ id: string }>(s, 'message:send', { conversationId: id, clientId: 'd2', text: 'after' });
    await nextEvent(m, 'message:new', (p: { message: { id: string } }) => p.message.id === after.id);
    expect(got.map((g) => g.message.id)).toEqual([missed.id, after.id]);
  });
});

describe('files in a conversation', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex');
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  it('when a member uploads an image and a PDF, then they are kept by their content, sent in a message, and served only to members', async () => {
    const student = await registerUser(t, { name: 'Filing Student' });
    const id = await conversationWith(student);
    const image = await t.http().post(`/api/conversations/${id}/attachments`).set(bearer(student.accessToken)).attach('file', PNG, 'diagram.txt');
    expect(image.status, JSON.stringify(image.body)).toBe(201);
    expect(image.body).toMatchObject({ name: 'diagram.txt', type: 'image/png', size: PNG.length });
    const pdf = await t.http().post(`/api/conversations/${id}/attachments`).set(bearer(student.accessToken)).attach('file', PDF, '../../etc/notes.pdf');
    expect(pdf.body).toMatchObject({ name: 'notes.pdf', type: 'application/pdf' });
    const sent = await t.http().post(`/api/conversations/${id}/messages`).set(bearer(student.accessToken)).send({ clientId: 'files-1', text: '', attachmentIds: [image.body.id, pdf.body.id] });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.attachments.map((a: { type: string }) => a.type)).toEqual(['image/png', 'application/pdf']);
    // A file goes in one message only.
    const twice = await t.http().post(`/api/conversations/${id}/messages`).set(bearer(student.accessToken)).send({ clientId: 'files-2', text: 'again', attachmentIds: [image.body.id] });
    expect(twice.status).toBe(422);
    expect(twice.body.errors[0].path).toBe('attachmentIds');

    const served = await t.http().get(`/api/attachments/${image.body.id}`).set(bearer(mentor.accessToken)).buffer(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(served.body as Buffer, PNG)).toBe(0);
    expect((await t.http().get(`/api/attachments/${pdf.body.id}`).set(bearer(student.accessToken))).headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''notes\.pdf$/);
    const stranger = await registerUser(t, { name: 'Nosy Stranger' });
    expect((await t.http().get(`/api/attachments/${image.body.id}`).set(bearer(stranger.accessToken))).status).toBe(404);
    expect((await t.http().get(`/api/attachments/${image.body.id}`)).status).toBe(401);
    expect((await t.http().get(`/uploads/chat/${id}/${image.body.id}`)).status).not.toBe(200);
  });

  it('when the file is an executable, a script, too large or missing, or the uploader is not a member, then it is refused with the reason and nothing is kept', async () => {
    const student = await registerUser(t, { name: 'Risky Student' });
    const id = await conversationWith(student);
    const before = await count(sql`select count(*)::int as n from chat_attachments`);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)]);
    for (const [content, name] of [
      [elf, 'photo.png'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'page.pdf'],
      [Buffer.from('MZ\x90\x00'), 'setup.exe'],
    ] as const) {
      const res = await t.http().post(`/api/conversations/${id}/attachments`).set(bearer(student.accessToken)).attach('file', content, name);
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe('file');
    }
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await t.http().post(`/api/conversations/${id}/attachments`).set(bearer(student.accessToken)).attach('file', big, 'huge.png');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('file_too_large');
    expect((await t.http().post(`/api/conversations/${id}/attachments`).set(bearer(student.accessToken)).field('note', 'no file')).status).toBe(422);
    const stranger = await registerUser(t, { name: 'Uploading Stranger' });
    expect((await t.http().post(`/api/conversations/${id}/attachments`).set(bearer(stranger.accessToken)).attach('file', PNG, 'x.png')).status).toBe(404);
    expect(await count(sql`select count(*)::int as n from chat_attachments`)).toBe(before);
  });
});
