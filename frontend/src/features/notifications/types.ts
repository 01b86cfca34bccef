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

// What the /notifications socket pushes (backend/src/realtime): each payload is checked before it touches the cache.

/** `notification:new`: one new in-app notification, and the reader's unread total with it. */
export const notificationNewEventSchema = z.object({
  notification: notificationSchema,
  unread: z.number().int().nonnegative(),
});

/** `booking:updated`: a booking of the reader's changed (confirmed, cancelled, rescheduled, settled, refunded…). */
export const bookingUpdatedEventSchema = z.object({
  bookingId: z.string().min(1),
  status: z.string(),
  reason: z.string(),
});

/** `wallet:updated`: a mentor's wallet figures moved, because of a booking or a withdrawal. */
export const walletUpdatedEventSchema = z.object({
  reason: z.string(),
  bookingId: z.string().optional(),
  withdrawalId: z.string().optional(),
  status: z.string().optional(),
});

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
