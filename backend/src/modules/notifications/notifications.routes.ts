import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { endpoint } from '../../lib/http.js';
import { idParams } from '../../lib/pagination.js';
import { notificationListQuery, notificationListSchema, notificationSchema } from './notifications.schemas.js';
import { listNotifications, markAllRead, markRead } from './notifications.service.js';

export function notificationsEndpoints(db: Db) {
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
