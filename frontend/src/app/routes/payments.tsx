import { useParams } from 'react-router-dom';
import { InvoicePage } from '@/features/payments/pages/invoice-page';
import { PaymentsPage } from '@/features/payments/pages/payments-page';
import { useViewerTimeZone } from './viewer-time-zone';

export function PaymentsRoute() {
  const timeZone = useViewerTimeZone();
  return <PaymentsPage timeZone={timeZone} />;
}

export function InvoiceRoute() {
  const { id = '' } = useParams();
  const timeZone = useViewerTimeZone();
  return <InvoicePage key={id} paymentId={id} timeZone={timeZone} />;
}
