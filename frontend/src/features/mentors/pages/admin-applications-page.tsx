import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { StatusQueue, useStatusQueueLocation } from '@/components/status-queue';
import { reviewStatuses, useApplications, type ReviewStatus } from '../api/get-applications';
import { ApplicationReviewCard } from '../components/application-review-card';
import { RejectApplicationModal } from '../components/reject-application-modal';
import type { AdminApplication } from '../types';

const PAGE_SIZE = 10;

const tabLabels: Record<ReviewStatus, string> = { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' };
const emptyText: Record<ReviewStatus, { title: string; description: string }> = {
  pending: { title: 'No applications waiting', description: 'New mentor applications will appear here.' },
  approved: { title: 'No approved applications yet', description: 'Applications you approve will be listed here.' },
  rejected: { title: 'No rejected applications', description: 'Applications you reject will be listed here.' },
};

/** The admin's queue of mentor applications, by status; the tab and page live in the URL. */
export function AdminApplicationsPage() {
  const location = useStatusQueueLocation(reviewStatuses);
  const list = useApplications({ status: location.status, page: location.page, limit: PAGE_SIZE });
  const [rejecting, setRejecting] = useState<AdminApplication | null>(null);

  return (
    <StatusQueue
      title="Mentor applications"
      description="Read each application, then approve it or reject it with a reason."
      statuses={reviewStatuses}
      tabLabels={tabLabels}
      emptyText={emptyText}
      location={location}
      pageSize={PAGE_SIZE}
      list={list}
      noun={{ one: 'application', other: 'applications' }}
      loading={{ label: 'Loading applications', height: 150 }}
      errorTitle="Couldn't load the applications"
      paginationLabel="Application pages"
      renderItem={(application) => <ApplicationReviewCard key={application.id} application={application} onReject={setRejecting} />}
    >
      <RejectApplicationModal
        application={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={(application) =>
          notifications.show({ color: 'teal', title: 'Application rejected', message: `${application.applicant.name} will be emailed your reason.` })
        }
      />
    </StatusQueue>
  );
}
