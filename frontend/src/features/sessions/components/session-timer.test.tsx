import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderUi } from '@/testing/render-ui';
import { SessionTimer } from './session-timer';

// Friday 4 December 2026, 18:30–19:30 in Kolkata.
const STARTS_AT = '2026-12-04T13:00:00.000Z';
const ENDS_AT = '2026-12-04T14:00:00.000Z';
const MINUTE = 60_000;

function renderTimerAt(instant: number) {
  vi.setSystemTime(new Date(instant));
  renderUi(<SessionTimer startsAt={STARTS_AT} endsAt={ENDS_AT} timeZone="Asia/Kolkata" />);
  return screen.getByRole('timer', { name: 'Session timer' });
}

const end = Date.parse(ENDS_AT);

describe('session timer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('when 10 minutes are left, then it counts down in green with no warning', () => {
    const timer = renderTimerAt(end - 10 * MINUTE);

    expect(timer).toHaveTextContent('10:00 left');
    expect(timer).not.toHaveTextContent('Ending soon');
    expect(timer).toHaveAttribute('data-color', 'green');
    expect(screen.queryByText('5 minutes left')).not.toBeInTheDocument();
  });

  it('when 4 minutes are left, then it is orange and says the session is ending soon', () => {
    const timer = renderTimerAt(end - 4 * MINUTE);

    expect(timer).toHaveTextContent('4:00 left · Ending soon');
    expect(timer).toHaveAttribute('data-color', 'orange');
  });

  it('when the scheduled end passed 2 minutes ago, then it is red and says how far over it is', () => {
    const timer = renderTimerAt(end + 2 * MINUTE);

    expect(timer).toHaveTextContent('Over by 2 min · Past the scheduled end');
    expect(timer).toHaveAttribute('data-color', 'red');
  });

  it('when the session has not started, then it counts down to the start', () => {
    const timer = renderTimerAt(Date.parse(STARTS_AT) - 5 * MINUTE);

    expect(timer).toHaveTextContent('Starts in 5:00');
    expect(timer).toHaveAttribute('data-color', 'green');
  });

  it('when the last 5 minutes begin, then it turns orange at that second and warns once, not again as it ticks on', () => {
    const timer = renderTimerAt(end - 5 * MINUTE - 1_000);
    expect(timer).toHaveTextContent('5:01 left');
    expect(timer).toHaveAttribute('data-color', 'green');

    act(() => vi.advanceTimersByTime(1_000));

    expect(timer).toHaveTextContent('5:00 left · Ending soon');
    expect(timer).toHaveAttribute('data-color', 'orange');
    expect(screen.getByText('5 minutes left')).toBeInTheDocument();
    expect(screen.getByText('The session is scheduled to end at 19:30.')).toBeInTheDocument();

    act(() => vi.advanceTimersByTime(2 * MINUTE));

    expect(timer).toHaveTextContent('3:00 left');
    expect(screen.getAllByText('5 minutes left')).toHaveLength(1);
  });
});
