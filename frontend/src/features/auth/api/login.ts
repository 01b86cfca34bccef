import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from '@/lib/api-client';
import { useAuth } from '../auth-provider';
import { authSessionSchema, type AuthSession } from '../types';

export const loginInputSchema = z.object({
  email: z.email('Enter a valid email address'),
  password: z.string().min(1, 'Enter your password'),
});

export type LoginInput = z.infer<typeof loginInputSchema>;

export async function login(input: LoginInput): Promise<AuthSession> {
  return authSessionSchema.parse(await apiClient.post('/api/auth/login', input));
}

export function useLogin() {
  const { startSession } = useAuth();
  return useMutation({ mutationFn: login, onSuccess: startSession });
}
