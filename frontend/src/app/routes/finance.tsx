import { AuditLogPage } from '@/features/finance/pages/audit-log-page';
import { FinancePage } from '@/features/finance/pages/finance-page';
import { ReconciliationPage } from '@/features/finance/pages/reconciliation-page';
import { useViewerTimeZone } from './viewer-time-zone';

/** /admin/finance */
export function AdminFinanceRoute() {
  return <FinancePage />;
}

/** /admin/reconciliation */
export function AdminReconciliationRoute() {
  const timeZone = useViewerTimeZone();
  return <ReconciliationPage timeZone={timeZone} />;
}

/** /admin/audit */
export function AdminAuditRoute() {
  const timeZone = useViewerTimeZone();
  return <AuditLogPage timeZone={timeZone} />;
}
