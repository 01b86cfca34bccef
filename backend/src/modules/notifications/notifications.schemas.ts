import { z } from 'zod';
import { paginationQuery } from '../../lib/pagination.js';
import { categoryKeys } from './notifications.categories.js';

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

export const notificationCategorySchema = z.enum(categoryKeys).meta({ id: 'NotificationCategory' });

export const notificationPreferencesSchema = z
  .object({
    categories: z.array(
      z.object({
        key: notificationCategorySchema,
        label: z.string(),
        description: z.string(),
        inApp: z.boolean(),
        email: z.boolean(),
      }),
    ),
    /** Notices sent whatever the switches (money and account security), in people's words. */
    alwaysSent: z.array(z.string()),
  })
  .meta({ id: 'NotificationPreferences' });

/** The categories to change (the others stay as they are); each names both switches. */
export const updateNotificationPreferencesBody = z
  .object({
    preferences: z
      .array(z.object({ category: notificationCategorySchema, inApp: z.boolean(), email: z.boolean() }).strict())
      .min(1)
      .max(categoryKeys.length)
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((item, index) => {
          if (seen.has(item.category)) ctx.addIssue({ code: 'custom', path: [index, 'category'], message: 'This category is named twice' });
          seen.add(item.category);
        });
      }),
  })
  .strict()
  .meta({ id: 'UpdateNotificationPreferences' });

export const unsubscribeQuery = z.object({ token: z.string().min(1).max(500) });

export const unsubscribedSchema = z
  .object({ email: z.literal(false), categories: z.array(notificationCategorySchema) })
  .meta({ id: 'Unsubscribed' });
