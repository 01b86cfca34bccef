import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ReasonForm } from '@/components/reason-form';
import { reportReviewInputSchema, useReportReview } from '../api/report-review';
import { REVIEW_RULES } from '../rules';

interface ReportReviewModalProps {
  reviewId: string;
  studentName: string;
  opened: boolean;
  onClose: () => void;
}

/** Anyone signed in tells Mentor Connect what is wrong with a review; the team decides whether it stays. */
export function ReportReviewModal({ opened, onClose, ...props }: ReportReviewModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Report this review" centered>
      {opened ? <ReportContent onClose={onClose} {...props} /> : null}
    </Modal>
  );
}

function ReportContent({ reviewId, studentName, onClose }: Omit<ReportReviewModalProps, 'opened'>) {
  const report = useReportReview();
  const [sent, setSent] = useState(false);

  if (sent) {
    return (
      <Stack gap="md" role="status">
        <Text fw={600}>Thanks, our team will look at it.</Text>
        <Text size="sm" c="dimmed">
          The review stays up until Mentor Connect decides. If it breaks the rules, it comes off the profile.
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            Close
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <ReasonForm
      label="Report this review"
      schema={reportReviewInputSchema}
      onSubmit={async (reason) => {
        await report.mutateAsync({ reviewId, reason });
        setSent(true);
      }}
      errorTitle="Couldn’t send the report"
      reason={{
        label: 'What’s wrong with it?',
        hint: `For example: abusive, off-topic, or not about a real session (at least ${REVIEW_RULES.reportMinLength} characters)`,
        max: REVIEW_RULES.reportMaxLength,
        minRows: 3,
        maxRows: 8,
        required: true,
        autoFocus: true,
      }}
      dismissLabel="Cancel"
      onDismiss={onClose}
      submitLabel="Send report"
    >
      <Text size="sm">
        Mentor Connect’s team reads every report of {studentName}’s review and takes it off the profile if it breaks the rules.
      </Text>
    </ReasonForm>
  );
}
