import { z } from 'zod';

/** The sender's own id for a message: sending it again (after a dropped connection) stores it once. */
const clientId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'Letters, digits, _ and - only, at most 100');

export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;

/** A message: Markdown text (may be empty when files go with it) and the ids of files uploaded to the conversation. */
export const sendMessageBody = z
  .object({
    clientId,
    text: z.string().max(MAX_MESSAGE_LENGTH, `At most ${MAX_MESSAGE_LENGTH} characters`).default(''),
    attachmentIds: z.array(z.uuid('Not a valid attachment id')).max(MAX_ATTACHMENTS_PER_MESSAGE, `At most ${MAX_ATTACHMENTS_PER_MESSAGE} files`).default([]),
  })
  .strict()
  .refine((m) => m.text.trim().length > 0 || m.attachmentIds.length > 0, { path: ['text'], message: 'Write something or attach a file' });
export type SendMessageInput = z.output<typeof sendMessageBody>;

export const socketSendMessage = z.object({ conversationId: z.uuid('Not a valid conversation id') }).and(sendMessageBody);
export const socketTyping = z.object({ conversationId: z.uuid('Not a valid conversation id') }).strict();
export const readBody = z.object({ messageId: z.uuid('Not a valid message id') }).strict();
export const socketRead = z.object({ conversationId: z.uuid('Not a valid conversation id') }).and(readBody);

export const openConversationBody = z.object({ mentorSlug: z.string().min(1, 'Required').max(200) }).strict();
export const muteBody = z.object({ muted: z.boolean() }).strict();

export const messagePageQuery = z
  .object({
    before: z.coerce.number().int('A message position').positive('A message position').optional(),
    limit: z.coerce.number().int().min(1).max(100, 'At most 100').default(50),
  })
  .strict();

const attachmentSchema = z.object({ id: z.string(), name: z.string(), type: z.string(), size: z.number().int() });

export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int(),
  senderId: z.string(),
  clientId: z.string(),
  text: z.string(),
  createdAt: z.string(),
  attachments: z.array(attachmentSchema),
});
export type MessageDto = z.infer<typeof messageSchema>;

export const messagePageSchema = z.object({ items: z.array(messageSchema), nextBefore: z.number().int().nullable() });

const memberSchema = z.object({ id: z.string(), name: z.string(), avatarUrl: z.string().nullable(), role: z.enum(['mentor', 'student']), lastReadSeq: z.number().int() });

export const conversationSchema = z.object({
  id: z.string(),
  kind: z.enum(['pair', 'group']),
  title: z.string().nullable(),
  mentorId: z.string(),
  muted: z.boolean(),
  unread: z.number().int(),
  lastReadSeq: z.number().int(),
  lastMessage: z.object({ id: z.string(), seq: z.number().int(), senderId: z.string(), text: z.string(), createdAt: z.string() }).nullable(),
  members: z.array(memberSchema),
  createdAt: z.string(),
});
export type ConversationDto = z.infer<typeof conversationSchema>;

export const conversationListSchema = z.object({ items: z.array(conversationSchema), unread: z.number().int() });
export const attachmentUploadSchema = attachmentSchema;
