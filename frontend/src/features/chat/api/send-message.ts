import { ApiError, apiClient } from '@/lib/api-client';
import { emitWithAck, SocketNoAnswerError, type RealtimeSocket } from '@/lib/realtime';
import { RATE_LIMIT_PAUSE_MS, SEND_ACK_TIMEOUT_MS } from '../rules';
import { messageSchema, sendAckSchema, socketErrorSchema, type Attachment, type Message } from '../types';

export interface SendInput {
  conversationId: string;
  clientId: string;
  text: string;
  /** Files uploaded to the conversation already (the message carries their ids). */
  attachments?: readonly Attachment[];
}

/** What the server is sent: the files by id, and only when there are some. */
const wireMessage = ({ clientId, text, attachments = [] }: SendInput) => ({ clientId, text, ...(attachments.length > 0 ? { attachmentIds: attachments.map((a) => a.id) } : {}) });

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
export async function sendMessageOverRest(input: SendInput): Promise<Message> {
  return messageSchema.parse(await apiClient.post(`/api/conversations/${encodeURIComponent(input.conversationId)}/messages`, wireMessage(input)));
}

/** `message:send` on the chat socket, acknowledged with the stored message's id, seq and time (or an error). */
async function sendOverSocket(socket: RealtimeSocket, input: SendInput, senderId: string): Promise<SendOutcome> {
  let answer: unknown;
  try {
    answer = await emitWithAck(socket, 'message:send', { conversationId: input.conversationId, ...wireMessage(input) }, SEND_ACK_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof SocketNoAnswerError && error.disconnected) return { type: 'offline' };
    return { type: 'failed', error: NO_ANSWER };
  }
  const ack = sendAckSchema.safeParse(answer);
  if (ack.success) {
    const { id, seq, createdAt } = ack.data;
    // The acknowledgement names the stored message only; its files are the ones it was sent with.
    const attachments = [...(input.attachments ?? [])];
    return { type: 'sent', message: { id, seq, createdAt, conversationId: input.conversationId, clientId: input.clientId, senderId, text: input.text, attachments } };
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
