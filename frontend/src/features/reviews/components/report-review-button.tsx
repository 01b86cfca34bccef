import { Button } from '@mantine/core';
import { useState } from 'react';
import { ReportReviewModal } from './report-review-modal';

/** The "Report" action under a review on a mentor's public profile (for people who are signed in). */
export function ReportReviewButton({ reviewId, studentName }: { reviewId: string; studentName: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="subtle" color="gray" size="compact-xs" onClick={() => setOpen(true)} aria-label={`Report ${studentName}’s review`}>
        Report
      </Button>
      <ReportReviewModal reviewId={reviewId} studentName={studentName} opened={open} onClose={() => setOpen(false)} />
    </>
  );
}
