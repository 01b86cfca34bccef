import { json, problem, type Routes } from './fake-backend';
import type { EmittedEvent, FakeSocket } from './fake-socket';

/**
 * The chat's REST API and `/chat` socket played in memory for component tests, from the viewer's side: conversations
 * with their members and read positions, history in pages (`before`, `limit`), sends de-duplicated by clientId, reads
 * that never move backwards, the mentor's mute, 404 for a stranger; files uploaded (an image or a PDF by its type, at
 * most 10 MB: 422 or 413 otherwise), named in a message once, served to members; a booking's conversation. `serve(socket)` makes a fake socket answer
 * `message:send` and `read` as the server does (at once, or held until the test releases them) and echo what is sent.
 * Tests assert on what the UI shows and what it sent; nothing here knows a test.
 */

export interface FakeChatMember {
  id: string;
  name: string;
  role: 'mentor' | 'student';
  avatarUrl?: string | null;
}

export interface FakeAttachment {
  id: string;
  name: string;
  type: string;
  size: number;
}

export interface FakeChatMessage {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientId: string;
  text: string;
  createdAt: string;
  attachments: FakeAttachment[];
}

/** A file kept by the fake: what the message shows of it, and its content (served as it is). */
interface StoredFile extends FakeAttachment {
  conversationId: string;
  uploaderId: string;
  content: string;
  messageId: string | null;
}

/** A seeded message's file: its content is served with its type. */
export interface FakeFileSeed {
  name: string;
  type: string;
  content?: string;
  /** As the message says (default: the content's length). */
  size?: number;
}

const ALLOWED_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);
const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface FakeConversationSeed {
  id: string;
  kind?: 'pair' | 'group';
  title?: string | null;
  mentorId: string;
  members: FakeChatMember[];
  muted?: boolean;
  createdAt?: string;
  /** Oldest first; each gets the next seq. */
  messages?: Array<{ senderId: string; text: string; createdAt: string; files?: FakeFileSeed[] }>;
  /** The bookings whose conversation this is (GET /api/conversations/by-booking/:id). */
  bookingIds?: string[];
  /** Where each member has read up to (default: nothing read, except their own messages). */
  readUpTo?: Record<string, number>;
}

interface FakeConversation {
  id: string;
  kind: 'pair' | 'group';
  title: string | null;
  mentorId: string;
  muted: boolean;
  createdAt: string;
  members: Array<FakeChatMember & { lastReadSeq: number }>;
  messages: FakeChatMessage[];
}

let sequence = 0;
const nextId = (prefix: string) => {
  sequence += 1;
  return `${prefix}-${String(sequence).padStart(4, '0')}-4000-8000-${String(sequence).padStart(12, '0')}`;
};

/** A message's uuid-shaped id. */
export const messageId = () => nextId('e0000000');

/** A file's uuid-shaped id. */
export const attachmentId = () => nextId('f0000000');

export function fakeChatBackend({ viewer, conversations: seeds }: { viewer: { id: string }; conversations: FakeConversationSeed[] }) {
  const conversations = new Map<string, FakeConversation>();
  const files = new Map<string, StoredFile>();
  const byBooking = new Map<string, string>();
  for (const seed of seeds) {
    for (const bookingId of seed.bookingIds ?? []) byBooking.set(bookingId, seed.id);
    const messages = (seed.messages ?? []).map((m, index) => {
      const id = messageId();
      const attachments = (m.files ?? []).map((file) => {
        const content = file.content ?? '';
        const stored: StoredFile = { id: attachmentId(), name: file.name, type: file.type, size: file.size ?? content.length, content, conversationId: seed.id, uploaderId: m.senderId, messageId: id };
        files.set(stored.id, stored);
        return { id: stored.id, name: stored.name, type: stored.type, size: stored.size };
      });
      return { id, conversationId: seed.id, seq: index + 1, senderId: m.senderId, clientId: `seed-${index + 1}`, text: m.text, createdAt: m.createdAt, attachments };
    });
    const ownLast = (userId: string) => messages.filter((m) => m.senderId === userId).at(-1)?.seq ?? 0;
    conversations.set(seed.id, {
      id: seed.id,
      kind: seed.kind ?? 'pair',
      title: seed.title ?? null,
      mentorId: seed.mentorId,
      muted: seed.muted ?? false,
      createdAt: seed.createdAt ?? '2026-11-01T04:30:00.000Z',
      members: seed.members.map((member) => ({ ...member, avatarUrl: member.avatarUrl ?? null, lastReadSeq: Math.max(seed.readUpTo?.[member.id] ?? 0, ownLast(member.id)) })),
      messages,
    });
  }

  const find = (id: string) => {
    const conversation = conversations.get(id);
    return conversation && conversation.members.some((m) => m.id === viewer.id) ? conversation : undefined;
  };
  const me = (conversation: FakeConversation) => conversation.members.find((m) => m.id === viewer.id)!;
  const unreadOf = (conversation: FakeConversation, userId: string) => {
    const member = conversation.members.find((m) => m.id === userId)!;
    return conversation.messages.filter((m) => m.seq > member.lastReadSeq && m.senderId !== userId).length;
  };

  function dto(conversation: FakeConversation) {
    const last = conversation.messages.at(-1);
    return {
      id: conversation.id,
      kind: conversation.kind,
      title: conversation.title,
      mentorId: conversation.mentorId,
      muted: conversation.muted,
      unread: unreadOf(conversation, viewer.id),
      lastReadSeq: me(conversation).lastReadSeq,
      lastMessage: last ? { id: last.id, seq: last.seq, senderId: last.senderId, text: last.text, createdAt: last.createdAt } : null,
      members: conversation.members.map(({ id, name, avatarUrl, role, lastReadSeq }) => ({ id, name, avatarUrl: avatarUrl ?? null, role, lastReadSeq })),
      createdAt: conversation.createdAt,
    };
  }

  function list() {
    const items = [...conversations.values()]
      .filter((c) => c.members.some((m) => m.id === viewer.id))
      .map(dto)
      .sort((a, b) => Date.parse(b.lastMessage?.createdAt ?? b.createdAt) - Date.parse(a.lastMessage?.createdAt ?? a.createdAt));
    return { items, unread: items.filter((c) => !(c.muted && c.mentorId === viewer.id)).reduce((n, c) => n + c.unread, 0) };
  }

  /** Stores a message once per (sender, clientId), as the server does; the sender has read up to it. */
  function store(conversationId: string, senderId: string, clientId: string, text: string, createdAt = new Date().toISOString(), attachmentIds: string[] = []): { message: FakeChatMessage; duplicate: boolean } | { refused: string } {
    const conversation = conversations.get(conversationId)!;
    const again = conversation.messages.find((m) => m.senderId === senderId && m.clientId === clientId);
    if (again) return { message: again, duplicate: true };
    const id = messageId();
    const attached = attachmentIds.map((fileId) => files.get(fileId)).filter((file) => file && file.conversationId === conversationId && file.uploaderId === senderId && file.messageId === null) as StoredFile[];
    if (attached.length !== attachmentIds.length) return { refused: 'A file is not one you uploaded here, or was sent already' };
    for (const file of attached) file.messageId = id;
    const attachments = attached.map(({ id: fileId, name, type, size }) => ({ id: fileId, name, type, size }));
    const message: FakeChatMessage = { id, conversationId, seq: conversation.messages.length + 1, senderId, clientId, text, createdAt, attachments };
    conversation.messages.push(message);
    conversation.members.find((m) => m.id === senderId)!.lastReadSeq = message.seq;
    return { message, duplicate: false };
  }

  function read(conversationId: string, userId: string, messageId: string) {
    const conversation = conversations.get(conversationId)!;
    const target = conversation.messages.find((m) => m.id === messageId)!;
    const member = conversation.members.find((m) => m.id === userId)!;
    member.lastReadSeq = Math.max(member.lastReadSeq, target.seq);
    return { lastReadSeq: member.lastReadSeq, unread: unreadOf(conversation, userId) };
  }

  const routes: Routes = {
    'GET /api/conversations': () => json(list()),
    'GET /api/conversations/:id': (_request, { id = '' }) => {
      const conversation = find(id);
      return conversation ? json(dto(conversation)) : { status: 404, body: problem(404, 'not_found', 'Conversation not found') };
    },
    'PATCH /api/conversations/:id': (request, { id = '' }) => {
      const conversation = find(id);
      if (!conversation) return { status: 404, body: problem(404, 'not_found', 'Conversation not found') };
      if (conversation.mentorId !== viewer.id) return { status: 403, body: problem(403, 'forbidden', 'Only the mentor can mute a conversation') };
      conversation.muted = (request.body as { muted: boolean }).muted;
      return json(dto(conversation));
    },
    'GET /api/conversations/:id/messages': (request, { id = '' }) => {
      const conversation = find(id);
      if (!conversation) return { status: 404, body: problem(404, 'not_found', 'Conversation not found') };
      const before = request.query.get('before');
      const limit = Number(request.query.get('limit') ?? 50);
      const earlier = conversation.messages.filter((m) => before === null || m.seq < Number(before));
      const page = earlier.slice(-limit);
      return json({ items: page, nextBefore: earlier.length > limit ? page[0]!.seq : null });
    },
    'POST /api/conversations/:id/messages': (request, { id = '' }) => {
      if (!find(id)) return { status: 404, body: problem(404, 'not_found', 'Conversation not found') };
      const { clientId, text, attachmentIds = [] } = request.body as { clientId: string; text: string; attachmentIds?: string[] };
      const stored = store(id, viewer.id, clientId, text, undefined, attachmentIds);
      if ('refused' in stored) return { status: 422, body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'attachmentIds', message: stored.refused }]) };
      return json(stored.message, stored.duplicate ? 200 : 201);
    },
    'GET /api/conversations/by-booking/:bookingId': (_request, { bookingId = '' }) => {
      const conversation = find(byBooking.get(bookingId) ?? '');
      return conversation ? json(dto(conversation)) : { status: 404, body: problem(404, 'not_found', 'Conversation not found') };
    },
    'POST /api/conversations/:id/attachments': async (request, { id = '' }) => {
      if (!find(id)) return { status: 404, body: problem(404, 'not_found', 'Conversation not found') };
      const file = request.body instanceof FormData ? request.body.get('file') : null;
      if (!(file instanceof File)) return { status: 422, body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'file', message: 'Choose a file to send' }]) };
      if (file.size > MAX_FILE_BYTES) return { status: 413, body: problem(413, 'file_too_large', 'A file may be at most 10 MB') };
      if (!ALLOWED_TYPES.has(file.type)) return { status: 422, body: problem(422, 'validation_failed', 'The request is invalid', [{ path: 'file', message: 'Send an image (PNG, JPEG, GIF, WebP) or a PDF' }]) };
      const stored: StoredFile = { id: attachmentId(), name: file.name, type: file.type, size: file.size, content: await file.text(), conversationId: id, uploaderId: viewer.id, messageId: null };
      files.set(stored.id, stored);
      return json({ id: stored.id, name: stored.name, type: stored.type, size: stored.size }, 201);
    },
    'GET /api/attachments/:id': (_request, { id = '' }) => {
      const file = files.get(id);
      if (!file || !find(file.conversationId)) return { status: 404, body: problem(404, 'not_found', 'File not found') };
      return { status: 200, text: file.content, headers: { 'Content-Type': file.type } };
    },
    'POST /api/conversations/:id/read': (request, { id = '' }) => {
      if (!find(id)) return { status: 404, body: problem(404, 'not_found', 'Conversation not found') };
      return json(read(id, viewer.id, (request.body as { messageId: string }).messageId));
    },
  };

  /** Events held back for the test to answer (`serve(socket, { acks: 'held' })`). */
  const held: EmittedEvent[] = [];

  function answer(socket: FakeSocket, emitted: EmittedEvent) {
    const payload = emitted.payload as { conversationId: string; clientId: string; text: string; messageId: string; attachmentIds?: string[] };
    if (emitted.event === 'message:send') {
      const stored = store(payload.conversationId, viewer.id, payload.clientId, payload.text, undefined, payload.attachmentIds);
      if ('refused' in stored) {
        emitted.ack?.({ error: { code: 'validation_failed', message: stored.refused } });
        return;
      }
      const { message, duplicate } = stored;
      emitted.ack?.({ id: message.id, seq: message.seq, createdAt: message.createdAt, duplicate });
      if (!duplicate) socket.push('message:new', { conversationId: payload.conversationId, message });
    } else if (emitted.event === 'read') {
      emitted.ack?.(read(payload.conversationId, viewer.id, payload.messageId));
    }
  }

  return {
    routes,
    /** The conversation's stored messages, oldest first. */
    messages: (conversationId: string) => conversations.get(conversationId)!.messages,
    /** Someone else writes in a conversation: stored; returns the `message:new` payload a socket would hear. */
    receive(conversationId: string, senderId: string, text: string, createdAt?: string) {
      const stored = store(conversationId, senderId, `from-${senderId}-${conversations.get(conversationId)!.messages.length + 1}`, text, createdAt);
      if ('refused' in stored) throw new Error(stored.refused);
      return { conversationId, message: stored.message, unread: unreadOf(conversations.get(conversationId)!, viewer.id) };
    },
    /** The files uploaded to a conversation, sent or not. */
    files: (conversationId: string) => [...files.values()].filter((file) => file.conversationId === conversationId),
    /** Someone else reads up to a message: returns the `read` payload. */
    readBy(conversationId: string, userId: string, messageId: string) {
      const { lastReadSeq } = read(conversationId, userId, messageId);
      return { conversationId, userId, messageId, seq: lastReadSeq };
    },
    /** The socket answers as the server would: at once (`auto`), or message sends held until `release`. */
    serve(socket: FakeSocket, { acks = 'auto' }: { acks?: 'auto' | 'held' } = {}) {
      socket.onEmit = (emitted) => {
        if (acks === 'held' && emitted.event === 'message:send') held.push(emitted);
        else queueMicrotask(() => answer(socket, emitted));
      };
    },
    held,
    /** Answers the oldest held send. */
    release(socket: FakeSocket) {
      const emitted = held.shift();
      if (!emitted) throw new Error('No send is held');
      answer(socket, emitted);
    },
  };
}
