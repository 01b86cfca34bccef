import { z } from 'zod';

/** Shapes of GET/POST /api/conversations… and of the `/chat` socket's events, as the server sends them. */

export const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  role: z.enum(['mentor', 'student']),
  /** The newest message this member has read (read receipts). */
  lastReadSeq: z.number().int(),
});

export type Member = z.infer<typeof memberSchema>;

export const lastMessageSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  senderId: z.string(),
  text: z.string(),
  createdAt: z.string(),
});

export const conversationSchema = z.object({
  id: z.string(),
  kind: z.enum(['pair', 'group']),
  title: z.string().nullable(),
  mentorId: z.string(),
  /** Muted by its mentor: it no longer counts towards the mentor's unread total. */
  muted: z.boolean(),
  /** Messages the viewer has not read. */
  unread: z.number().int(),
  /** The newest message the viewer has read. */
  lastReadSeq: z.number().int(),
  lastMessage: lastMessageSchema.nullable(),
  members: z.array(memberSchema),
  createdAt: z.string(),
});

export type Conversation = z.infer<typeof conversationSchema>;

export const conversationListSchema = z.object({
  items: z.array(conversationSchema),
  /** The header's total: unread messages in every conversation that counts (not the mentor's muted ones). */
  unread: z.number().int(),
});

export type ConversationList = z.infer<typeof conversationListSchema>;

/** A file sent with a message (or uploaded to be sent): an image or a PDF, fetched from GET /api/attachments/:id. */
export const attachmentSchema = z.object({ id: z.string(), name: z.string(), type: z.string(), size: z.number().int() });

export type Attachment = z.infer<typeof attachmentSchema>;

/** Uploads one chosen file to the open conversation, telling its progress (0 to 1) as it goes. */
export type UploadFile = (file: File, options: { onProgress: (fraction: number) => void; signal: AbortSignal }) => Promise<Attachment>;

export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** The message's place in its conversation: later messages have larger numbers. */
  seq: z.number().int(),
  senderId: z.string(),
  /** The sender's own id for it, so a resend after a lost answer is stored once. */
  clientId: z.string(),
  /** Markdown. */
  text: z.string(),
  createdAt: z.string(),
  attachments: z.array(attachmentSchema),
});

export type Message = z.infer<typeof messageSchema>;

/** A page of history, oldest first; `nextBefore` asks for the page before it (null: this is the beginning). */
export const messagePageSchema = z.object({
  items: z.array(messageSchema),
  nextBefore: z.number().int().nullable(),
});

export type MessagePage = z.infer<typeof messagePageSchema>;

/** Where the viewer has read up to, and what is left unread (POST …/read, and the socket's `read` ack). */
export const readResultSchema = z.object({ lastReadSeq: z.number().int(), unread: z.number().int() });

export type ReadResult = z.infer<typeof readResultSchema>;

/** An acknowledgement that failed: `{error: {code, message}}`. */
export const socketErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** The socket's acknowledgement of `message:send`. */
export const sendAckSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  createdAt: z.string(),
  duplicate: z.boolean(),
});

// ---- server → client events on /chat ----

export const messageNewEventSchema = z.object({ conversationId: z.string(), message: messageSchema });
export const conversationUpdatedEventSchema = z.object({ conversationId: z.string(), unread: z.number().int() });
export const typingEventSchema = z.object({ conversationId: z.string(), userId: z.string() });
export const readEventSchema = z.object({ conversationId: z.string(), userId: z.string(), messageId: z.string(), seq: z.number().int() });

// ---- what the page keeps of messages not yet stored ----

/**
 * A message written here that the server has not confirmed: `queued` waits for a connection (or its turn),
 * `sending` is on its way, `failed` was refused (or its outcome is unknown) and waits for the user's Retry.
 */
export interface OutgoingMessage {
  clientId: string;
  conversationId: string;
  text: string;
  /** Uploaded already: the message names them by id. */
  attachments: Attachment[];
  status: 'queued' | 'sending' | 'failed';
  /** Why it failed, in the server's words. */
  error: string | null;
}

/** Who is looking: their id and whether they are the mentor or a student. */
export interface Viewer {
  id: string;
  role: 'student' | 'mentor' | 'admin';
}
