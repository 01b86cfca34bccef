import { Navigate, useSearchParams } from 'react-router-dom';
import { safeNextPath } from '@/config/paths';
import { useAuth } from '../auth-provider';
import { AuthLayout } from '../components/auth-layout';
import { LoginForm } from '../components/login-form';

export function LoginPage() {
  const { user } = useAuth();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');

  // Also how a successful login leaves this page: the session starts, and this redirect takes over.
  if (user) return <Navigate to={safeNextPath(next)} replace />;

  return (
    <AuthLayout title="Welcome back" subtitle="Log in to book and manage your sessions.">
      <LoginForm next={next} />
    </AuthLayout>
  );
}
