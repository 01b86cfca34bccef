import { useAuth } from '@/features/auth/auth-provider';
import { RegisterPage } from '@/features/auth/pages/register-page';
import { updateMe } from '@/features/users/api/update-me';
import { detectTimeZone, sameTimeZone } from '@/lib/time-zone';
import type { User } from '@/types/api';

export function RegisterRoute() {
  const { updateUser } = useAuth();

  // Registration doesn't take a time zone, so a new account gets the server's default; align it with
  // this browser so session times are right from the first page. Best effort: the user can still
  // set it on the profile page if the server rejects the zone or the call fails.
  function alignTimeZone(user: User) {
    const timeZone = detectTimeZone();
    if (!timeZone || sameTimeZone(timeZone, user.timeZone)) return;
    updateMe({ timeZone }).then(updateUser, () => undefined);
  }

  return <RegisterPage onRegistered={alignTimeZone} />;
}
