import { StatusQueue, useStatusQueueLocation } from '@/components/status-queue';
import { useDisputes } from '../api/get-disputes';
import { DisputeListItem } from '../components/dispute-list-item';
import { disputeStatuses, type DisputeStatus } from '../types';

const PAGE_SIZE = 20;

const tabLabels: Record<DisputeStatus, string> = { open: 'Open', resolved: 'Resolved' };
const emptyText: Record<DisputeStatus, { title: string; description: string }> = {
  open: { title: 'No open disputes', description: 'When a student reports a problem with a session, it appears here.' },
  resolved: { title: 'No resolved disputes yet', description: 'Disputes you decide will be listed here.' },
};

/** The admin's queue of disputes, open (oldest first) or resolved (newest first); the tab and page live in the URL. */
export function AdminDisputesPage({ timeZone }: { timeZone: string }) {
  const location = useStatusQueueLocation(disputeStatuses);
  const list = useDisputes({ status: location.status, page: location.page, limit: PAGE_SIZE });

  return (
    <StatusQueue
      title="Disputes"
      description="Problems students reported with a session. Their payment stays held until you decide."
      statuses={disputeStatuses}
      tabLabels={tabLabels}
      emptyText={emptyText}
      location={location}
      pageSize={PAGE_SIZE}
      list={list}
      noun={{ one: 'dispute', other: 'disputes' }}
      loading={{ label: 'Loading disputes', height: 120 }}
      errorTitle="Couldn't load the disputes"
      paginationLabel="Dispute pages"
      renderItem={(dispute) => <DisputeListItem key={dispute.id} dispute={dispute} timeZone={timeZone} />}
    />
  );
}
