import { z } from 'zod';
import { canonicalTimeZone, isValidTimeZone } from '../../lib/time.js';

export const languages = ['en', 'hi', 'bn', 'ta', 'te', 'kn', 'ml', 'mr', 'gu', 'pa'] as const;

export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { message: 'Unknown time zone; use an IANA name such as Asia/Kolkata' })
  .transform(canonicalTimeZone)
  .meta({ description: 'IANA time zone name', example: 'Asia/Kolkata' });

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(100, 'Name must be at most 100 characters');

export const userSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.email(),
    role: z.enum(['student', 'mentor', 'admin']),
    timeZone: z.string(),
    language: z.string(),
    avatarUrl: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export type PublicUser = z.infer<typeof userSchema>;

/** `.strict()`: fields a user may not set for themselves (role, email) are rejected, never silently applied. */
export const updateMeSchema = z
  .object({
    name: personNameSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    language: z.enum(languages).optional(),
  })
  .strict()
  .meta({ id: 'UpdateMe' });

export type UpdateMeInput = z.infer<typeof updateMeSchema>;
