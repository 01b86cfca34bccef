import { useAuth } from '@/features/auth/auth-provider';
import { useNotificationsConnected } from '@/features/notifications/hooks/use-notifications-live';
import { WalletPage } from '@/features/wallet/pages/wallet-page';
import { AdminWithdrawalsPage } from '@/features/withdrawals/pages/admin-withdrawals-page';
import { useViewerTimeZone } from './viewer-time-zone';

/** /wallet (mentors): kept live by the notifications socket the shell holds open, polled only while it is down. */
export function WalletRoute() {
  const timeZone = useViewerTimeZone();
  const { user } = useAuth();
  const live = useNotificationsConnected(user?.id ?? null);
  return <WalletPage timeZone={timeZone} live={live} />;
}

/** /admin/withdrawals */
export function AdminWithdrawalsRoute() {
  const timeZone = useViewerTimeZone();
  return <AdminWithdrawalsPage timeZone={timeZone} />;
}
