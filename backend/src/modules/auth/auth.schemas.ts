import { z } from 'zod';
import { personNameSchema, userSchema } from '../users/users.schemas.js';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid email address').max(254, 'Email must be at most 254 characters'));

export const passwordSchema = z
  .string()
  .min(8, 'Password must be at least 8 characters')
  .max(200, 'Password must be at most 200 characters');

export const registerSchema = z
  .object({ name: personNameSchema, email: emailSchema, password: passwordSchema })
  .strict()
  .meta({ id: 'RegisterRequest' });

export const loginSchema = z
  .object({ email: emailSchema, password: z.string().min(1, 'Password is required').max(200) })
  .strict()
  .meta({ id: 'LoginRequest' });

export const sessionSchema = z
  .object({ user: userSchema, accessToken: z.string().meta({ description: 'HS256 JWT, valid 15 minutes' }) })
  .meta({ id: 'Session' });

export type RegisterInput = z.infer<typeof registerSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
