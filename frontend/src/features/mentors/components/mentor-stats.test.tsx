import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderUi } from '@/testing/render-ui';
import { MentorStats } from './mentor-stats';

describe('a mentor’s track record', () => {
  it('when there are figures, then all five show: sessions, cancellation rate and repeat students as percentages, no-shows, and the average rating out of 5', async () => {
    renderUi(<MentorStats stats={{ sessionsCompleted: 41, cancellationRate: 0.048, repeatStudentRate: 0.333, noShows: 2, averageRating: 4.67 }} />);

    expect(await screen.findByTestId('stat-sessions')).toHaveTextContent('41Sessions completed');
    expect(screen.getByTestId('stat-cancellations')).toHaveTextContent('5%Cancellation rate');
    expect(screen.getByTestId('stat-repeat')).toHaveTextContent('33%Repeat students');
    expect(screen.getByTestId('stat-no-shows')).toHaveTextContent('2No-shows');
    expect(screen.getByTestId('stat-rating')).toHaveTextContent('4.7 / 5Average rating');
    expect(screen.getByTestId('stat-no-shows')).toHaveAttribute('title', 'Sessions the mentor never joined');
  });

  it('when nothing has been counted yet, then rates and rating are "—" and counts are 0; the mentor’s own view speaks to them', async () => {
    renderUi(<MentorStats stats={{ sessionsCompleted: 0, cancellationRate: null, repeatStudentRate: null, noShows: 0, averageRating: null }} perspective="own" />);

    expect(await screen.findByTestId('stat-sessions')).toHaveTextContent('0Sessions completed');
    expect(screen.getByTestId('stat-cancellations')).toHaveTextContent('—Cancellation rate');
    expect(screen.getByTestId('stat-repeat')).toHaveTextContent('—Repeat students');
    expect(screen.getByTestId('stat-no-shows')).toHaveTextContent('0No-shows');
    expect(screen.getByTestId('stat-rating')).toHaveTextContent('—Average rating');
    expect(screen.getByTestId('stat-no-shows')).toHaveAttribute('title', 'Sessions you never joined');
  });
});
