import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { useAuth } from '../auth-provider';
import { authSessionSchema, type AuthSession } from '../types';

// Password length (8–200) and the name's 100-character limit are deliberately left to the server:
// its 422 lands next to the field (see lib/form-errors.ts), and one copy of the rule can't drift.
export const registerInputSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name'),
  email: z.email('Enter a valid email address'),
  password: z.string().min(1, 'Choose a password'),
});

export type RegisterInput = z.infer<typeof registerInputSchema>;

export async function register(input: RegisterInput): Promise<AuthSession> {
  return authSessionSchema.parse(await apiClient.post('/api/auth/register', input));
}

export function useRegister() {
  const { startSession } = useAuth();
  return useMutation({ mutationFn: register, onSuccess: startSession });
}
