import { z } from 'zod';

/** Response shapes shared by several features. Request schemas live next to the call that sends them. */

export const roles = ['student', 'mentor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  timeZone: z.string(),
  language: z.string(),
  avatarUrl: z.string().nullable(),
  createdAt: z.string(),
});

export type User = z.infer<typeof userSchema>;
