import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { FormAlert } from '@/components/form-alert';
import { ApiError } from '@/lib/api-client';
import { applyServerErrors } from '@/lib/form-errors';
import { replyInputSchema, useReplyToReview, type ReplyInput } from '../api/reply-to-review';
import { REVIEW_RULES } from '../rules';
import type { Review } from '../types';
import { countText } from '../utils/labels';

interface ReplyFormProps {
  review: Review;
  bookingId: string;
}

/** The mentor answers a review of theirs, once: it shows under the review, on the profile too when the review is public. */
export function ReplyForm({ review, bookingId }: ReplyFormProps) {
  const reply = useReplyToReview();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<ReplyInput>({ resolver: zodResolver(replyInputSchema), defaultValues: { text: '' } });
  const length = watch('text').trim().length;

  const submit = handleSubmit(async ({ text }) => {
    setFormError(null);
    try {
      await reply.mutateAsync({ reviewId: review.id, bookingId, text });
      notifications.show({ color: 'teal', title: 'Reply posted', message: `${review.studentName} can read your reply.` });
    } catch (error) {
      // 409: a reply is there already (from another tab); the review is read again and shows it.
      if (error instanceof ApiError && error.status === 409) {
        notifications.show({ color: 'orange', title: 'Couldn’t post your reply', message: error.detail ?? error.title });
      }
      setFormError(applyServerErrors(error, setError, { fields: ['text'] }));
    }
  });

  const where = review.isPublic ? 'under the review here and on your profile' : 'under the review';
  return (
    <form onSubmit={submit} noValidate aria-label="Reply to the review">
      <Stack gap="sm">
        <FormAlert title="Couldn’t post your reply" message={formError} />
        <Textarea
          label="Your reply"
          description={`Shown ${where}. You can reply once · ${countText(length, REVIEW_RULES.replyMaxLength)}`}
          placeholder={`Thank ${review.studentName}, or answer what they wrote`}
          autosize
          minRows={2}
          maxRows={8}
          withAsterisk
          error={errors.text?.message}
          {...register('text')}
        />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={isSubmitting}>
            Post reply
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
