import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { clock } from '../../lib/clock.js';
import { retryOnTransientConflict } from '../../lib/db-errors.js';
import { notify, type NotifyInput } from '../notifications/notifications.service.js';
import { userCards } from '../users/users.service.js';
import { conversationMembers, conversations, messages } from './chat.tables.js';

/**
 * The `send-message-emails` job (PRODUCT.md §10): a message still unread a few minutes after it arrived tells its
 * reader once — a `new_message` notice, in-app and by email as their settings say — and then nothing more for that
 * conversation until they have read it (a burst of messages is one email). A mentor's muted conversation tells nothing.
 *
 * One statement claims the members due (FOR UPDATE SKIP LOCKED, so instances running the job at once share them and a
 * member being claimed elsewhere is skipped) and moves their `emailed_seq` to the newest message; the notices are
 * written in the same transaction. A member claimed once leaves the candidates (emailed_seq > last_read_seq) until they
 * read, so each burst is told exactly once however many instances run the job, and a pass can be killed anywhere.
 */

/** How long a message waits unread before its reader is emailed. */
export const MESSAGE_EMAIL_DELAY_MS = 5 * 60_000;
const batchSize = 100;
const PREVIEW_LENGTH = 160;

interface DueRow {
  conversation_id: string;
  user_id: string;
  unread: number;
  kind: 'pair' | 'group';
  title: string | null;
  text: string;
  sender_name: string;
  seq: string | number;
}

/** A message's text as one plain line: code blocks and Markdown marks out, cut to a preview. */
export function previewOf(text: string): string {
  const plain = text
    .replace(/```[\s\S]*?(```|$)/g, ' [code] ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]{0,3}(?:>+|#{1,6})[ \t]?/gm, '')
    .replace(/\*\*|__|~~|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain === '') return 'Sent a file';
  return plain.length > PREVIEW_LENGTH ? `${plain.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…` : plain;
}

function noticeOf(publicUrl: string, row: DueRow): NotifyInput {
  const seq = Number(row.seq);
  const count = Number(row.unread);
  const where = row.kind === 'group' ? `in “${row.title ?? 'your group session'}”` : `from ${row.sender_name}`;
  const title = count === 1 ? `New message ${where}` : `${count} new messages ${where}`;
  const preview = previewOf(row.text);
  return {
    userId: row.user_id,
    type: 'new_message',
    title,
    body: row.kind === 'group' ? `${row.sender_name}: ${preview}` : preview,
    eventKey: `conversation:${row.conversation_id}:unread-through:${seq}`,
    data: { conversationId: row.conversation_id, unread: count },
    actionUrl: `${publicUrl}/messages/${row.conversation_id}`,
    email: { template: 'new-message', actionLabel: 'Read and reply', context: { sender: row.sender_name, preview, howMany: count === 1 ? 'a new message' : `${count} new messages`, where } },
  };
}

/** One pass at `now`; returns how many readers it told (0: nothing was due). */
export async function runSendMessageEmails(ctx: { db: Db; publicUrl: string }, now = clock.now(), delayMs = MESSAGE_EMAIL_DELAY_MS, limit = batchSize): Promise<number> {
  const cutoff = new Date(now.getTime() - delayMs).toISOString();
  return retryOnTransientConflict(() =>
    inTransaction(ctx.db, async (tx) => {
      const due = rowsOf<DueRow>(
        await tx.execute(sql`
          with candidates as (
            select cm.conversation_id, cm.user_id
            from ${conversationMembers} cm
            join ${conversations} c on c.id = cm.conversation_id
            where cm.unread_count > 0 and cm.emailed_seq <= cm.last_read_seq
              and not (c.muted_by_mentor and c.mentor_id = cm.user_id)
              and (select m.created_at from ${messages} m
                   where m.conversation_id = cm.conversation_id and m.seq > cm.last_read_seq and m.sender_id <> cm.user_id
                   order by m.seq limit 1) <= ${cutoff}::timestamptz
            order by cm.conversation_id, cm.user_id
            limit ${limit}
            for update of cm skip locked
          ), claimed as (
            update ${conversationMembers} cm
            set emailed_seq = (select max(m.seq) from ${messages} m where m.conversation_id = cm.conversation_id)
            from candidates k
            where cm.conversation_id = k.conversation_id and cm.user_id = k.user_id
            returning cm.conversation_id, cm.user_id, cm.unread_count, cm.emailed_seq
          )
          select cl.conversation_id, cl.user_id, cl.unread_count as unread, cl.emailed_seq as seq, c.kind, c.title, last.text, last.sender_name
          from claimed cl
          join ${conversations} c on c.id = cl.conversation_id
          cross join lateral (
            select m.text, u.name as sender_name from ${messages} m join ${userCards} u on u.id = m.sender_id
            where m.conversation_id = cl.conversation_id and m.sender_id <> cl.user_id
            order by m.seq desc limit 1) last
          order by cl.conversation_id, cl.user_id`),
      );
      await notify(tx, due.map((row) => noticeOf(ctx.publicUrl, row)));
      return due.length;
    }),
  );
}
