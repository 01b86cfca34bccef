import { z } from 'zod';
import { ApiError, apiClient } from '@/lib/api-client';
import { emitWithAck, SocketNoAnswerError, type RealtimeSocket } from '@/lib/realtime';
import { MAX_MESSAGE_LENGTH, RATE_LIMIT_PAUSE_MS, SEND_ACK_TIMEOUT_MS } from '../rules';
import { messageSchema, sendAckSchema, socketErrorSchema, type Message } from '../types';

/** What the composer accepts: something besides spaces, and at most 4000 characters (the server's limit). */
export const messageTextSchema = z
  .string()
  .refine((text) => text.trim().length > 0, 'Write a message first')
  .refine((text) => text.length <= MAX_MESSAGE_LENGTH, `A message can be at most ${MAX_MESSAGE_LENGTH} characters`);

export interface SendInput {
  conversationId: string;
  clientId: string;
  text: string;
}

/**
 * How a send ended: stored (`sent`); refused or unanswered, for the user to retry with the same clientId (`failed`);
 * not sent for want of a connection (`offline`); or to be sent again after a pause (`wait`, past the rate limit).
 */
export type SendOutcome =
  | { type: 'sent'; message: Message }
  | { type: 'failed'; error: string }
  | { type: 'offline' }
  | { type: 'wait'; ms: number };

const NO_ANSWER = 'The server did not answer. Retry to send it again.';

/** POST /api/conversations/:id/messages: 201 stored, 200 when this clientId was stored before (the same message). */
export async function sendMessageOverRest({ conversationId, clientId, text }: SendInput): Promise<Message> {
  return messageSchema.parse(await apiClient.post(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, { clientId, text }));
}

/** `message:send` on the chat socket, acknowledged with the stored message's id, seq and time (or an error). */
async function sendOverSocket(socket: RealtimeSocket, input: SendInput, senderId: string): Promise<SendOutcome> {
  let answer: unknown;
  try {
    answer = await emitWithAck(socket, 'message:send', input, SEND_ACK_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof SocketNoAnswerError && error.disconnected) return { type: 'offline' };
    return { type: 'failed', error: NO_ANSWER };
  }
  const ack = sendAckSchema.safeParse(answer);
  if (ack.success) {
    const { id, seq, createdAt } = ack.data;
    return { type: 'sent', message: { id, seq, createdAt, conversationId: input.conversationId, clientId: input.clientId, senderId, text: input.text, attachments: [] } };
  }
  const refusal = socketErrorSchema.safeParse(answer);
  if (refusal.success && refusal.data.error.code === 'rate_limited') return { type: 'wait', ms: RATE_LIMIT_PAUSE_MS };
  return { type: 'failed', error: refusal.success ? refusal.data.error.message : NO_ANSWER };
}

async function sendOverRest(input: SendInput): Promise<SendOutcome> {
  try {
    return { type: 'sent', message: await sendMessageOverRest(input) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 0) return { type: 'offline' };
    if (error instanceof ApiError && error.status === 429) return { type: 'wait', ms: Math.max(RATE_LIMIT_PAUSE_MS, (error.retryAfterSeconds ?? 0) * 1000) };
    return { type: 'failed', error: error instanceof Error ? error.message : NO_ANSWER };
  }
}

/** Sends one message: over the socket when it is connected, otherwise over HTTP (which may reach the server when the socket can't). */
export function sendMessage(socket: RealtimeSocket | null, input: SendInput, senderId: string): Promise<SendOutcome> {
  return socket?.connected ? sendOverSocket(socket, input, senderId) : sendOverRest(input);
}
