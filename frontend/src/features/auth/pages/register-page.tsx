import { Navigate, useSearchParams } from 'react-router-dom';
import { safeNextPath } from '@/config/paths';
import type { User } from '@/types/api';
import { useAuth } from '../auth-provider';
import { AuthLayout } from '../components/auth-layout';
import { RegisterForm } from '../components/register-form';

interface RegisterPageProps {
  /** Called once the account exists and the user is signed in, e.g. to fill in their profile. */
  onRegistered?: (user: User) => void;
}

export function RegisterPage({ onRegistered }: RegisterPageProps) {
  const { user } = useAuth();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');

  if (user) return <Navigate to={safeNextPath(next)} replace />;

  return (
    <AuthLayout title="Create your account" subtitle="Book 1-to-1 sessions with vetted mentors.">
      <RegisterForm next={next} onRegistered={onRegistered} />
    </AuthLayout>
  );
}
