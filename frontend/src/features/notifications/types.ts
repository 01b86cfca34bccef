import { z } from 'zod';

export const notificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  actionUrl: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export type AppNotification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  unreadCount: z.number().int(),
});

export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationCategorySchema = z.object({
  key: z.string(),
  label: z.string(),
  description: z.string(),
  inApp: z.boolean(),
  email: z.boolean(),
});

export type NotificationCategory = z.infer<typeof notificationCategorySchema>;

/** GET /api/notifications/preferences: every category (in the server's order) with its two switches. */
export const notificationPreferencesSchema = z.object({
  categories: z.array(notificationCategorySchema),
  /** Notices sent whatever the switches, in people's words. */
  alwaysSent: z.array(z.string()),
});

export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** One category's two switches, as PUT /api/notifications/preferences takes them. */
export interface CategoryChoice {
  category: string;
  inApp: boolean;
  email: boolean;
}
