import { z } from 'zod';
import { paginationQuery } from '../../lib/pagination.js';

export const notificationSchema = z
  .object({
    id: z.uuid(),
    type: z.string(),
    title: z.string(),
    body: z.string(),
    data: z.record(z.string(), z.unknown()),
    actionUrl: z.string().nullable(),
    readAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Notification' });

export const notificationListQuery = paginationQuery().extend({ unread: z.enum(['true', 'false']).optional() });

export const notificationListSchema = z
  .object({
    items: z.array(notificationSchema),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    unreadCount: z.number().int(),
  })
  .meta({ id: 'NotificationList' });
