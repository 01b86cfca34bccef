import { z } from 'zod';
import { userSchema } from '@/types/api';

/** What login, register and refresh all answer: the user and a 15-minute access token. */
export const authSessionSchema = z.object({
  user: userSchema,
  accessToken: z.string().min(1),
});

export type AuthSession = z.infer<typeof authSessionSchema>;
