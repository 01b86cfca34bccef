import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ModerationAction } from '../api/moderate-review';
import type { ModeratedReview } from '../types';

interface ModerationConfirmModalProps {
  /** The review and what is to be done to it; null when nothing is being decided. */
  decision: { review: ModeratedReview; action: ModerationAction } | null;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

const titles = { hide: 'Hide this review?', restore: 'Restore this review?', keep: 'Keep this review?' } as const;
const confirmLabels = { hide: 'Hide review', restore: 'Restore review', keep: 'Keep review' } as const;

/** What hiding, restoring or keeping a review does, read once more before it happens. */
export function ModerationConfirmModal({ decision, pending, onConfirm, onCancel }: ModerationConfirmModalProps) {
  // Restoring a review that was never hidden keeps it up and closes its reports.
  const kind = decision ? (decision.action === 'hide' ? 'hide' : decision.review.hidden ? 'restore' : 'keep') : 'hide';
  const review = decision?.review;
  return (
    <Modal opened={decision !== null} onClose={() => (pending ? undefined : onCancel())} title={titles[kind]} centered>
      {review ? (
        <Stack gap="md">
          <Text data-testid="moderation-summary">
            {kind === 'hide'
              ? `${review.studentName}’s review comes off ${review.mentorName}’s profile and no longer counts in their rating. You can restore it from Hidden.`
              : kind === 'restore'
                ? `${review.studentName}’s review ${review.isPublic ? `goes back on ${review.mentorName}’s profile and ` : ''}counts in ${review.mentorName}’s rating again.`
                : `${review.studentName}’s review stays on ${review.mentorName}’s profile, and its reports are closed.`}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
            <Button color={kind === 'hide' ? 'red' : undefined} onClick={onConfirm} loading={pending}>
              {confirmLabels[kind]}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
