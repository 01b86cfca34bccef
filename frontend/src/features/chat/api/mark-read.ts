import { apiClient } from '@/lib/api-client';
import { emitWithAck, type RealtimeSocket } from '@/lib/realtime';
import { SEND_ACK_TIMEOUT_MS } from '../rules';
import { readResultSchema, socketErrorSchema, type ReadResult } from '../types';

/**
 * I have read up to `messageId`: `read` on the chat socket when it is connected, else POST /api/conversations/:id/read.
 * Answers where I now am and what is left unread; the others hear it as a read receipt.
 */
export async function markRead(socket: RealtimeSocket | null, conversationId: string, messageId: string): Promise<ReadResult> {
  if (socket?.connected) {
    const answer = await emitWithAck(socket, 'read', { conversationId, messageId }, SEND_ACK_TIMEOUT_MS);
    const result = readResultSchema.safeParse(answer);
    if (result.success) return result.data;
    const refusal = socketErrorSchema.safeParse(answer);
    throw new Error(refusal.success ? refusal.data.error.message : 'Unexpected answer to read');
  }
  return readResultSchema.parse(await apiClient.post(`/api/conversations/${encodeURIComponent(conversationId)}/read`, { messageId }));
}
