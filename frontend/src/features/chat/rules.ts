/** The numbers the chat runs by; the server enforces the same limits (chat.schemas.ts). */

/** A message's text, in characters. */
export const MAX_MESSAGE_LENGTH = 4000;

/** Messages per page of history. */
export const MESSAGES_PAGE_SIZE = 50;

/** While the socket is down, the conversations and the open history are asked for again this often. */
export const FALLBACK_REFETCH_MS = 30_000;

/** "… is typing" is told to the others at most this often while someone types. */
export const TYPING_EMIT_INTERVAL_MS = 2_000;

/** "… is typing" goes away when nothing more is heard for this long. */
export const TYPING_VISIBLE_MS = 4_000;

/** A message sent over the socket without an answer after this long has an unknown outcome. */
export const SEND_ACK_TIMEOUT_MS = 10_000;

/** Past the server's rate limit, the queue waits this long before sending the same message again. */
export const RATE_LIMIT_PAUSE_MS = 3_000;

/** While messages wait without a connection, sending is tried again this often (and on every reconnect). */
export const OFFLINE_RETRY_MS = 15_000;

/** Files sent with one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;

/** One file's size, in bytes (10 MB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** What may be sent: images and PDFs (the server checks the content too). */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
