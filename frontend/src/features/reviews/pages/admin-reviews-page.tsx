import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { StatusQueue, useStatusQueueLocation } from '@/components/status-queue';
import { useModeratedReviews } from '../api/get-moderated-reviews';
import { useModerateReview, type ModerationAction } from '../api/moderate-review';
import { ModeratedReviewItem } from '../components/moderated-review-item';
import { ModerationConfirmModal } from '../components/moderation-confirm-modal';
import { moderationStatuses, type ModeratedReview, type ModerationStatus } from '../types';

const PAGE_SIZE = 20;

const tabLabels: Record<ModerationStatus, string> = { reported: 'Reported', hidden: 'Hidden' };
const emptyText: Record<ModerationStatus, { title: string; description: string }> = {
  reported: { title: 'No reported reviews', description: 'When someone reports a review on a mentor’s profile, it appears here.' },
  hidden: { title: 'No hidden reviews', description: 'Reviews you hide are listed here, and can be restored.' },
};

/** The admin's queue of reported reviews (oldest report first) and of hidden ones; the tab and page live in the URL. */
export function AdminReviewsPage({ timeZone }: { timeZone: string }) {
  const location = useStatusQueueLocation(moderationStatuses);
  const list = useModeratedReviews({ status: location.status, page: location.page, limit: PAGE_SIZE });
  const moderate = useModerateReview();
  const [decision, setDecision] = useState<{ review: ModeratedReview; action: ModerationAction } | null>(null);

  function confirm() {
    if (!decision) return;
    const { review, action } = decision;
    moderate.mutate(
      { id: review.id, action },
      {
        onSuccess: () => {
          setDecision(null);
          notifications.show({
            color: 'teal',
            title: action === 'hide' ? 'Review hidden' : review.hidden ? 'Review restored' : 'Review kept',
            message:
              action === 'hide'
                ? `${review.studentName}’s review is off ${review.mentorName}’s profile and out of their rating.`
                : review.hidden
                  ? `${review.studentName}’s review counts in ${review.mentorName}’s rating again.`
                  : `${review.studentName}’s review stays on ${review.mentorName}’s profile.`,
          });
        },
        onError: (error) => {
          setDecision(null);
          notifications.show({ color: 'red', title: 'Couldn’t change the review', message: error.message });
        },
      },
    );
  }

  return (
    <StatusQueue
      title="Reported reviews"
      description="Reviews someone reported. Hide the ones that break the rules: they leave the mentor’s profile and rating."
      statuses={moderationStatuses}
      tabLabels={tabLabels}
      emptyText={emptyText}
      location={location}
      pageSize={PAGE_SIZE}
      list={list}
      noun={{ one: 'review', other: 'reviews' }}
      loading={{ label: 'Loading reviews', height: 180 }}
      errorTitle="Couldn't load the reviews"
      paginationLabel="Review pages"
      renderItem={(review) => (
        <ModeratedReviewItem key={review.id} review={review} timeZone={timeZone} onDecide={(chosen, action) => setDecision({ review: chosen, action })} />
      )}
    >
      <ModerationConfirmModal decision={decision} pending={moderate.isPending} onConfirm={confirm} onCancel={() => setDecision(null)} />
    </StatusQueue>
  );
}
