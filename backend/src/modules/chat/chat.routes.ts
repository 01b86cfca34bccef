import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { endpoint } from '../../lib/http.js';
import { singleFileUpload } from '../../lib/uploads.js';
import { idParams } from '../../lib/pagination.js';
import {
  attachmentUploadSchema,
  conversationListSchema,
  conversationSchema,
  messagePageQuery,
  messagePageSchema,
  messageSchema,
  muteBody,
  openConversationBody,
  readBody,
  sendMessageBody,
} from './chat.schemas.js';
import { conversationOfBooking, getConversation, listConversations, listMessages, markRead, MAX_ATTACHMENT_BYTES, openConversationWithMentor, readAttachment, sendMessage, setMuted, storeAttachment } from './chat.service.js';
import { z } from 'zod';

/** The chat over REST: the same services the sockets call (a page without a socket, or a send that must not be lost). */
export function chatEndpoints({ db, dataDir }: { db: Db; dataDir: string }) {
  const notMember = { description: 'No such conversation (or you are not in it)' };
  return [
    endpoint({
      method: 'get',
      path: '/api/conversations',
      summary: 'My conversations, latest first, with unread counts and the total',
      tag: 'chat',
      access: 'user',
      responses: { 200: { description: 'Conversations', schema: conversationListSchema } },
      handler: async ({ res, auth }) => {
        res.json(await listConversations(db, auth.userId));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/conversations',
      summary: 'Message a mentor: opens the conversation (at most 5 new a day), or returns the one there is',
      tag: 'chat',
      access: ['student'],
      body: openConversationBody,
      responses: {
        200: { description: 'The conversation there already was', schema: conversationSchema },
        201: { description: 'A new conversation', schema: conversationSchema },
        409: { description: 'Five new conversations today already' },
        422: { description: 'No such mentor' },
      },
      handler: async ({ res, auth, body }) => {
        const { conversation, created } = await openConversationWithMentor(db, auth.userId, body.mentorSlug);
        res.status(created ? 201 : 200).json(conversation);
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/conversations/:id',
      summary: 'One of my conversations',
      tag: 'chat',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'The conversation', schema: conversationSchema }, 404: notMember },
      handler: async ({ res, auth, params }) => {
        res.json(await getConversation(db, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/conversations/by-booking/:id',
      summary: "A booking's conversation: its pair's, or its group session's (none until the booking is confirmed)",
      tag: 'chat',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'The conversation', schema: conversationSchema }, 404: { description: 'No such booking of yours, or no conversation yet' } },
      handler: async ({ res, auth, params }) => {
        res.json(await conversationOfBooking(db, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'patch',
      path: '/api/conversations/:id',
      summary: 'Mute or unmute a conversation (its mentor)',
      tag: 'chat',
      access: 'user',
      params: idParams,
      body: muteBody,
      responses: { 200: { description: 'The conversation', schema: conversationSchema }, 403: { description: 'Not the mentor' }, 404: notMember },
      handler: async ({ res, auth, params, body }) => {
        res.json(await setMuted(db, auth.userId, params.id, body.muted));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/conversations/:id/messages',
      summary: 'A page of history, oldest first, before a position (`nextBefore` for the page before)',
      tag: 'chat',
      access: 'user',
      params: idParams,
      query: messagePageQuery,
      responses: { 200: { description: 'Messages', schema: messagePageSchema }, 404: notMember },
      handler: async ({ res, auth, params, query }) => {
        res.json(await listMessages(db, auth.userId, params.id, query));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/conversations/:id/messages',
      summary: 'Send a message (the same clientId again returns the message already sent)',
      tag: 'chat',
      access: 'user',
      params: idParams,
      body: sendMessageBody,
      responses: { 200: { description: 'Sent before (same clientId)', schema: messageSchema }, 201: { description: 'Sent', schema: messageSchema }, 404: notMember },
      handler: async ({ res, auth, params, body }) => {
        const { message, duplicate } = await sendMessage(db, auth.userId, params.id, body);
        res.status(duplicate ? 200 : 201).json(message);
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/conversations/:id/read',
      summary: 'I have read up to this message',
      tag: 'chat',
      access: 'user',
      params: idParams,
      body: readBody,
      responses: { 200: { description: 'Where I am, and what is left unread', schema: z.object({ lastReadSeq: z.number().int(), unread: z.number().int() }) }, 404: notMember },
      handler: async ({ res, auth, params, body }) => {
        res.json(await markRead(db, auth.userId, params.id, body.messageId));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/conversations/:id/attachments',
      summary: 'Upload a file to send in a conversation (multipart field "file": an image or a PDF, at most 10 MB)',
      tag: 'chat',
      access: 'user',
      params: idParams,
      before: [singleFileUpload('file', MAX_ATTACHMENT_BYTES, { tooLarge: 'A file may be at most 10 MB', wrong: 'Send one file in the "file" field' })],
      responses: { 201: { description: 'Kept, to be named in a message', schema: attachmentUploadSchema }, 404: notMember, 413: { description: 'Larger than 10 MB (`file_too_large`)' } },
      handler: async ({ req, res, auth, params }) => {
        if (!req.file) throw new AppError('validation_failed', 'The request is invalid', 422, { errors: [{ path: 'file', message: 'Choose a file to send' }] });
        res.status(201).json(await storeAttachment(db, dataDir, auth.userId, params.id, { buffer: req.file.buffer, name: req.file.originalname }));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/attachments/:id',
      summary: 'A file sent in one of my conversations',
      tag: 'chat',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'The file, as the type its content showed' }, 404: { description: 'No such file (or not in your conversations)' } },
      handler: async ({ res, auth, params }) => {
        const file = await readAttachment(db, dataDir, auth.userId, params.id);
        const disposition = file.contentType.startsWith('image/') ? 'inline' : 'attachment';
        res.setHeader('Content-Type', file.contentType);
        res.setHeader('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
        res.setHeader('Cache-Control', 'private, max-age=3600');
        res.sendFile(file.path);
      },
    }),
  ];
}
