import { AvailabilityPage } from '@/features/availability/pages/availability-page';
import { SlotsPage } from '@/features/availability/pages/slots-page';

/** A mentor's weekly hours, settings and dates off (RequireRole(['mentor']) wraps it in the router). */
export function AvailabilityRoute() {
  return <AvailabilityPage />;
}

/** A mentor's specific-date slots. */
export function AvailabilitySlotsRoute() {
  return <SlotsPage />;
}
