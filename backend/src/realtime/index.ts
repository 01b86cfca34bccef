import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { AppError } from '../lib/errors.js';
import { subscribe, type DomainEvent } from '../lib/events.js';
import { validationError } from '../lib/http.js';
import type { Logger } from '../lib/logger.js';
import { verifyAccessToken, type AuthSettings } from '../modules/auth/auth.service.js';
import { socketRead, socketSendMessage, socketTyping } from '../modules/chat/chat.schemas.js';
import { sessionOf } from '../modules/bookings/bookings.service.js';
import { conversationIdsOf, markRead, sendMessage, unreadByMember } from '../modules/chat/chat.service.js';
import { countUnread } from '../modules/notifications/notifications.service.js';
import { adminQueueCounts } from '../modules/admin/admin.service.js';
import { createRateLimiter } from './rate-limit.js';

/**
 * The real-time entry (beside app.ts): Socket.IO on the app's HTTP server. It only translates: socket events
 * become service calls, and the services' events (published after their transactions commit) become socket
 * events in the rooms of the people concerned. Services never see a socket.
 *
 * Namespaces: `/chat` (a user's room and a room per conversation they are in) and `/notifications` (a user's room).
 * The handshake carries `auth: {token}`; a missing, expired or forged token is refused with `unauthorized`.
 * With `redisUrl`, the Redis Streams adapter carries rooms and connection-state recovery across instances.
 */
export interface RealtimeDeps {
  db: Db;
  auth: AuthSettings;
  logger: Logger;
  redisUrl?: string | undefined;
  /** Names the adapter's Redis stream and session keys (`<prefix>:socket.io`, `<prefix>:sio:session:`). */
  redisKeyPrefix?: string;
  /** Messages one socket may send per window (default 20 per 10 s). */
  messageLimit?: { count: number; windowMs: number };
}

export interface Realtime {
  io: Server;
  close: () => Promise<void>;
}

const userRoom = (userId: string) => `user:${userId}`;
const ADMINS = 'admins';

/** Changes to a booking its two people see at once (the booking pages refetch); those that move the mentor's money. */
const BOOKING_EVENTS = new Set(['booking.confirmed', 'booking.cancelled', 'booking.rescheduled', 'booking.settled', 'booking.released', 'booking.dispute_resolved', 'refund.processed']);
const WALLET_EVENTS = new Set(['booking.confirmed', 'booking.cancelled', 'booking.settled', 'booking.released', 'booking.dispute_resolved']);
const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;

interface SocketData {
  userId: string;
  role: 'student' | 'mentor' | 'admin';
}

type Ack = (answer: unknown) => void;

/** An error as an acknowledgement: `{error: {code, message, errors?}}`, never a stack. */
function errorAck(error: unknown, logger: Logger): { error: { code: string; message: string; errors?: unknown } } {
  if (error instanceof AppError) return { error: { code: error.code, message: error.message, ...(error.extra.errors ? { errors: error.extra.errors } : {}) } };
  logger.error({ err: error }, 'a socket event failed');
  return { error: { code: 'internal', message: 'Something went wrong; try again' } };
}

function parsed<T extends z.ZodType>(schema: T, payload: unknown): z.output<T> {
  const result = schema.safeParse(payload);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

function authenticate(nsp: Namespace, auth: AuthSettings): void {
  nsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    try {
      if (typeof token !== 'string' || token === '') throw new Error('no token');
      const who = verifyAccessToken(auth, token);
      (socket.data as SocketData).userId = who.userId;
      (socket.data as SocketData).role = who.role;
      next();
    } catch {
      next(new Error('unauthorized'));
    }
  });
}

export async function attachRealtime(server: HttpServer, deps: RealtimeDeps): Promise<Realtime> {
  const { db, logger } = deps;
  const prefix = deps.redisKeyPrefix ?? 'mentor-connect';
  const redis = deps.redisUrl ? createClient({ url: deps.redisUrl }) : null;
  if (redis) {
    redis.on('error', (err: unknown) => logger.warn({ err }, 'redis (socket adapter) error'));
    await redis.connect();
  }
  const io = new Server(server, {
    serveClient: false,
    // A short drop (a tunnel, a phone switching networks) resumes with the events it missed.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    ...(redis ? { adapter: createAdapter(redis, { streamName: `${prefix}:socket.io`, sessionKeyPrefix: `${prefix}:sio:session:` }) } : {}),
  });
  const chat = io.of('/chat');
  const bell = io.of('/notifications');
  authenticate(chat, deps.auth);
  authenticate(bell, deps.auth);
  const limit = deps.messageLimit ?? { count: 20, windowMs: 10_000 };

  bell.on('connection', (socket: Socket) => {
    const { userId, role } = socket.data as SocketData;
    void socket.join(role === 'admin' ? [userRoom(userId), ADMINS] : userRoom(userId));
  });

  chat.on('connection', (socket: Socket) => {
    const { userId } = socket.data as SocketData;
    const allowMessage = createRateLimiter(limit.count, limit.windowMs);
    const allowTyping = createRateLimiter(10, 10_000);
    const ready = (async () => {
      await socket.join(userRoom(userId));
      if (!socket.recovered) await socket.join((await conversationIdsOf(db, userId)).map(conversationRoom));
    })().catch((err: unknown) => logger.warn({ err, userId }, 'could not join the conversations of a socket'));

    socket.on('message:send', async (payload: unknown, ack?: Ack) => {
      if (typeof ack !== 'function') return;
      try {
        await ready;
        if (!allowMessage()) throw new AppError('rate_limited', `At most ${limit.count} messages in ${limit.windowMs / 1000} s; wait a moment`, 429);
        const { conversationId, ...input } = parsed(socketSendMessage, payload);
        const { message, duplicate } = await sendMessage(db, userId, conversationId, input);
        ack({ id: message.id, seq: message.seq, createdAt: message.createdAt, duplicate });
      } catch (error) {
        ack(errorAck(error, logger));
      }
    });

    socket.on('typing', async (payload: unknown, ack?: Ack) => {
      try {
        await ready;
        const { conversationId } = parsed(socketTyping, payload);
        if (!socket.rooms.has(conversationRoom(conversationId))) throw new AppError('not_found', 'Conversation not found', 404);
        if (allowTyping()) socket.to(conversationRoom(conversationId)).emit('typing', { conversationId, userId });
        if (typeof ack === 'function') ack({ ok: true });
      } catch (error) {
        if (typeof ack === 'function') ack(errorAck(error, logger));
      }
    });

    socket.on('read', async (payload: unknown, ack?: Ack) => {
      try {
        const { conversationId, messageId } = parsed(socketRead, payload);
        const result = await markRead(db, userId, conversationId, messageId);
        if (typeof ack === 'function') ack(result);
      } catch (error) {
        if (typeof ack === 'function') ack(errorAck(error, logger));
      }
    });
  });

  /** What the services tell, to the sockets of the people concerned (on every instance, through the adapter). */
  async function deliver(event: DomainEvent): Promise<void> {
    switch (event.type) {
      case 'chat.joined': {
        const { conversationId, userIds } = event as unknown as { conversationId: string; userIds: string[] };
        // A member who just joined has read nothing and has nothing unread yet (their count starts at zero).
        for (const id of userIds) {
          chat.in(userRoom(id)).socketsJoin(conversationRoom(conversationId));
          chat.to(userRoom(id)).emit('conversation:updated', { conversationId, unread: 0 });
        }
        return;
      }
      case 'chat.message': {
        const { conversationId, message, unread } = event as unknown as { conversationId: string; message: unknown; unread: Array<{ userId: string; unread: number }> };
        chat.to(conversationRoom(conversationId)).emit('message:new', { conversationId, message });
        // Each member's count came back from the send itself: nothing more is read here.
        for (const u of unread) chat.to(userRoom(u.userId)).emit('conversation:updated', { conversationId, unread: u.unread });
        return;
      }
      case 'chat.read': {
        const { conversationId, userId, messageId, seq } = event as unknown as { conversationId: string; userId: string; messageId: string; seq: number };
        chat.to(conversationRoom(conversationId)).emit('read', { conversationId, userId, messageId, seq });
        await tellUnread(conversationId, [userId]);
        return;
      }
      case 'notifications.created': {
        const { items } = event as unknown as { items: Array<{ userId: string; notification: unknown }> };
        for (const userId of new Set(items.map((i) => i.userId))) {
          // Only a bell that is open is told, so a batch that tells thousands reads nothing for those not looking.
          if (!(await listening(bell, userRoom(userId)))) continue;
          const unread = await countUnread(db, userId);
          for (const item of items) if (item.userId === userId) bell.to(userRoom(userId)).emit('notification:new', { notification: item.notification, unread });
        }
        return;
      }
      case 'withdrawal.updated': {
        const { withdrawalId, mentorId, status } = event as unknown as { withdrawalId: string; mentorId: string; status: string };
        bell.to(userRoom(mentorId)).emit('wallet:updated', { reason: event.type, withdrawalId, status });
        await tellAdmins('withdrawals', { withdrawalId, status });
        return;
      }
      case 'admin.queue':
        await tellAdmins(String(event.queue));
        return;
      default:
        if (BOOKING_EVENTS.has(event.type) && typeof event.bookingId === 'string') {
          const { mentorId, studentId } = event as { mentorId?: unknown; studentId?: unknown };
          // When the event names its people, nothing is read unless one of them has a page open.
          if (typeof mentorId === 'string' && typeof studentId === 'string' && !(await listening(bell, userRoom(mentorId))) && !(await listening(bell, userRoom(studentId)))) return;
          const booking = await sessionOf(db, '', event.bookingId, { asAdmin: true });
          const update = { bookingId: booking.bookingId, status: booking.status, settlement: booking.settlement ?? null, reason: event.type };
          bell.to([userRoom(booking.mentor.id), userRoom(booking.student.id)]).emit('booking:updated', update);
          if (WALLET_EVENTS.has(event.type)) bell.to(userRoom(booking.mentor.id)).emit('wallet:updated', { reason: event.type, bookingId: booking.bookingId });
        }
    }
  }

  /** An admin queue changed: every open admin page gets all the counts (read once, only if an admin is looking). */
  async function tellAdmins(queue: string, about: Record<string, unknown> = {}): Promise<void> {
    if (!(await listening(bell, ADMINS))) return;
    bell.to(ADMINS).emit('admin:queues', { queue, counts: await adminQueueCounts(db), ...about });
  }

  /** Whether any socket (on any instance, through the adapter) is in `room`. */
  async function listening(nsp: Namespace, room: string): Promise<boolean> {
    if (!redis) return (nsp.adapter.rooms.get(room)?.size ?? 0) > 0;
    return (await nsp.in(room).fetchSockets()).length > 0;
  }

  async function tellUnread(conversationId: string, only?: string[]): Promise<void> {
    for (const { userId, unread } of await unreadByMember(db, conversationId)) {
      if (!only || only.includes(userId)) chat.to(userRoom(userId)).emit('conversation:updated', { conversationId, unread });
    }
  }

  const unsubscribe = subscribe(db, (event) => {
    deliver(event).catch((err: unknown) => logger.warn({ err, event: event.type }, 'a real-time event could not be delivered'));
  });

  return {
    io,
    async close() {
      // The HTTP server is its owner's to close; here every socket is let go and the adapter's Redis closed.
      unsubscribe();
      io.disconnectSockets(true);
      if (redis?.isOpen) await redis.quit();
    },
  };
}
