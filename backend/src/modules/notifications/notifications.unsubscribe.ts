import { createHmac } from 'node:crypto';
import { AppError } from '../../lib/errors.js';
import { hmacHex, signaturesMatch } from '../../lib/signatures.js';
import { categoryKeys, type NotificationCategory } from './notifications.categories.js';
import type { EmailLinks } from './notifications.context.js';

/**
 * One-click unsubscribe (RFC 8058): every email we send names a link that switches one category's email off for
 * its reader, without signing in. The token in it is `base64url(userId:category:expiry).hex(HMAC-SHA256)`, signed
 * with a key derived from JWT_SECRET; it is made when the email is sent (the outbox renders then), so the expiry
 * counts from the sending. `all` (the link of an email that is always sent) switches every category's email off.
 */

/** An unsubscribe link works for this long after its email was sent; later the settings page is the way. */
export const UNSUBSCRIBE_LINK_DAYS = 180;

export type UnsubscribeScope = NotificationCategory | 'all';

export function emailLinks(config: { PUBLIC_URL: string; JWT_SECRET: string }): EmailLinks {
  return {
    publicUrl: config.PUBLIC_URL.replace(/\/$/, ''),
    unsubscribeKey: createHmac('sha256', config.JWT_SECRET).update('notification-unsubscribe-links').digest('hex'),
  };
}

export function signUnsubscribeToken(key: string, userId: string, scope: UnsubscribeScope, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_LINK_DAYS * 86_400;
  const payload = Buffer.from(`${userId}:${scope}:${expires}`).toString('base64url');
  return `${payload}.${hmacHex(key, payload)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalid = () => new AppError('invalid_unsubscribe_link', 'This unsubscribe link is not valid. Change your emails in your notification settings instead.', 400);

/** Who and what a token names; a forged, mangled or expired one is 400 (the code says which). */
export function verifyUnsubscribeToken(key: string, token: string, now: Date): { userId: string; scope: UnsubscribeScope } {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || !signaturesMatch(hmacHex(key, payload), signature)) throw invalid();
  const [userId, scope, expires, more] = Buffer.from(payload, 'base64url').toString('utf8').split(':');
  if (!userId || !UUID.test(userId) || !scope || more !== undefined || !(scope === 'all' || (categoryKeys as string[]).includes(scope)) || !/^\d+$/.test(expires ?? '')) throw invalid();
  if (Number(expires) * 1000 <= now.getTime()) {
    throw new AppError('unsubscribe_link_expired', 'This unsubscribe link has expired. Change your emails in your notification settings instead.', 400);
  }
  return { userId, scope: scope as UnsubscribeScope };
}

export const unsubscribeUrl = (links: EmailLinks, token: string) => `${links.publicUrl}/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`;

/** The web app's settings page, where every switch is. */
export const settingsUrl = (links: EmailLinks) => `${links.publicUrl}/settings/notifications`;
