import { WalletPage } from '@/features/wallet/pages/wallet-page';
import { AdminWithdrawalsPage } from '@/features/withdrawals/pages/admin-withdrawals-page';
import { useViewerTimeZone } from './viewer-time-zone';

/** /wallet (mentors) */
export function WalletRoute() {
  const timeZone = useViewerTimeZone();
  return <WalletPage timeZone={timeZone} />;
}

/** /admin/withdrawals */
export function AdminWithdrawalsRoute() {
  const timeZone = useViewerTimeZone();
  return <AdminWithdrawalsPage timeZone={timeZone} />;
}
