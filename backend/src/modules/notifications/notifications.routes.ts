import type { Request } from 'express';
import { z } from 'zod';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { endpoint } from '../../lib/http.js';
import { idParams } from '../../lib/pagination.js';
import type { NotificationsContext } from './notifications.context.js';
import { linkNotWorkingPage, unsubscribedPage, unsubscribeQuestionPage } from './notifications.pages.js';
import { getPreferences, switchEmailOff, updatePreferences } from './notifications.preferences.js';
import {
  notificationListQuery,
  notificationListSchema,
  notificationPreferencesSchema,
  notificationSchema,
  unsubscribedSchema,
  unsubscribeQuery,
  updateNotificationPreferencesBody,
} from './notifications.schemas.js';
import { listNotifications, markAllRead, markRead } from './notifications.service.js';
import { settingsUrl, verifyUnsubscribeToken } from './notifications.unsubscribe.js';

/** A person in a browser (a form, a followed link) gets a page; a mail provider's one-click POST and API clients get JSON. */
const wantsHtml = (req: Request) => req.accepts(['json', 'html']) === 'html';

export function notificationsEndpoints(ctx: Pick<NotificationsContext, 'db' | 'links'>) {
  const { db } = ctx;
  return [
    endpoint({
      method: 'get',
      path: '/api/notifications',
      summary: 'My notifications, newest first, with the unread count',
      tag: 'notifications',
      access: 'user',
      query: notificationListQuery,
      responses: { 200: { description: 'A page of notifications', schema: notificationListSchema } },
      handler: async ({ res, auth, query }) => {
        res.json(await listNotifications(db, auth.userId, query));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/notifications/preferences',
      summary: 'My notification preferences: per category, in-app and email (everything on unless changed)',
      tag: 'notifications',
      access: 'user',
      responses: { 200: { description: 'Every category with its two switches, and what is always sent', schema: notificationPreferencesSchema } },
      handler: async ({ res, auth }) => {
        res.json(await getPreferences(db, auth.userId));
      },
    }),
    endpoint({
      method: 'put',
      path: '/api/notifications/preferences',
      summary: 'Change the switches of the categories named; the others stay as they are',
      tag: 'notifications',
      access: 'user',
      body: updateNotificationPreferencesBody,
      responses: {
        200: { description: 'The preferences as they now are', schema: notificationPreferencesSchema },
        422: { description: 'An unknown category or a switch that is not true or false, named by its field; nothing changed' },
      },
      handler: async ({ res, auth, body }) => {
        res.json(await updatePreferences(db, auth.userId, body.preferences));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/notifications/unsubscribe',
      summary: 'The page an email’s unsubscribe link opens: asks before switching anything off',
      tag: 'notifications',
      access: 'public',
      query: unsubscribeQuery,
      responses: {
        200: { description: 'A page with the question and its button', contentType: 'text/html', schema: z.string() },
        400: { description: 'A forged or expired link (a page saying so)', contentType: 'text/html', schema: z.string() },
      },
      handler: async ({ res, query }) => {
        res.set('Cache-Control', 'no-store').type('html');
        try {
          const { scope } = verifyUnsubscribeToken(ctx.links.unsubscribeKey, query.token, clock.now());
          res.send(unsubscribeQuestionPage(scope, query.token, settingsUrl(ctx.links)));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          res.status(error.status).send(linkNotWorkingPage(error.message, settingsUrl(ctx.links)));
        }
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/notifications/unsubscribe',
      summary: 'One-click unsubscribe (RFC 8058): switches the email of the link’s category off, without signing in',
      tag: 'notifications',
      access: 'public',
      query: unsubscribeQuery,
      responses: {
        200: { description: 'Switched off (a page for a browser)', schema: unsubscribedSchema },
        400: { description: 'A forged or expired link; nothing changed' },
        404: { description: 'The account no longer exists' },
      },
      handler: async ({ req, res, query }) => {
        const html = wantsHtml(req);
        res.set('Cache-Control', 'no-store');
        try {
          const { userId, scope } = verifyUnsubscribeToken(ctx.links.unsubscribeKey, query.token, clock.now());
          const categories = await switchEmailOff(db, userId, scope);
          if (html) res.type('html').send(unsubscribedPage(scope, settingsUrl(ctx.links)));
          else res.json({ email: false, categories });
        } catch (error) {
          if (!html || !(error instanceof AppError)) throw error;
          res.status(error.status).type('html').send(linkNotWorkingPage(error.message, settingsUrl(ctx.links)));
        }
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/notifications/:id/read',
      summary: 'Mark one notification read',
      tag: 'notifications',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'The notification', schema: notificationSchema }, 404: { description: 'Not found (or not yours)' } },
      handler: async ({ res, auth, params }) => {
        res.json(await markRead(db, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/notifications/read-all',
      summary: 'Mark all my notifications read',
      tag: 'notifications',
      access: 'user',
      responses: { 200: { description: 'How many were marked', schema: z.object({ updated: z.number().int() }) } },
      handler: async ({ res, auth }) => {
        res.json({ updated: await markAllRead(db, auth.userId) });
      },
    }),
  ];
}
