import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Stack, Switch, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { FormAlert } from '@/components/form-alert';
import { ApiError } from '@/lib/api-client';
import { applyServerErrors } from '@/lib/form-errors';
import { createReviewInputSchema, useCreateReview, type CreateReviewInput } from '../api/create-review';
import { REVIEW_RULES } from '../rules';
import type { Review } from '../types';
import { countText } from '../utils/labels';
import { StarRatingInput } from './star-rating-input';

interface ReviewFormProps {
  bookingId: string;
  mentorName: string;
  onReviewed?: (review: Review) => void;
}

/** The student's review of a completed session: 1–5 stars, words if they like, and whether it shows on the mentor's profile. */
export function ReviewForm({ bookingId, mentorName, onReviewed }: ReviewFormProps) {
  const create = useCreateReview();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    control,
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<CreateReviewInput>({ resolver: zodResolver(createReviewInputSchema), defaultValues: { rating: 0, text: '', isPublic: true } });
  const length = watch('text').trim().length;

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const review = await create.mutateAsync({ bookingId, ...values });
      notifications.show({ color: 'teal', title: 'Review posted', message: `Thanks: your review helps ${mentorName} and other students.` });
      onReviewed?.(review);
    } catch (error) {
      // A 409 (reviewed already, or no longer reviewable) reloads the booking's review, which may take this form away: say why where it stays.
      if (error instanceof ApiError && error.status === 409) {
        notifications.show({ color: 'orange', title: 'Couldn’t post your review', message: error.detail ?? error.title });
      }
      setFormError(applyServerErrors(error, setError, { fields: ['rating', 'text', 'isPublic'] }));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Review your session">
      <Stack gap="md">
        <FormAlert title="Couldn’t post your review" message={formError} />
        <Controller
          control={control}
          name="rating"
          render={({ field }) => (
            <StarRatingInput label="Your rating" required value={field.value} onChange={field.onChange} error={errors.rating?.message} inputRef={field.ref} />
          )}
        />
        <Textarea
          label="Your review"
          description={`Optional: what went well, and what could be better · ${countText(length, REVIEW_RULES.textMaxLength)}`}
          placeholder={`What did ${mentorName} help you with?`}
          autosize
          minRows={3}
          maxRows={10}
          error={errors.text?.message}
          {...register('text')}
        />
        <Controller
          control={control}
          name="isPublic"
          render={({ field }) => (
            <Switch
              label="Show on the mentor’s profile"
              description={`On: anyone can read it on ${mentorName}’s profile. Off: only ${mentorName} and Mentor Connect can. Your stars count in the rating either way.`}
              checked={field.value}
              onChange={(event) => field.onChange(event.currentTarget.checked)}
              onBlur={field.onBlur}
              name={field.name}
              ref={field.ref}
              error={errors.isPublic?.message}
            />
          )}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            Post review
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
