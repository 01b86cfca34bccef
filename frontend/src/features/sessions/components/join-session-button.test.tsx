import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderUi } from '@/testing/render-ui';
import { JoinSessionButton } from './join-session-button';

// A session on Friday 4 December 2026, 18:30–19:30 in Kolkata: its call opens at 18:20 and closes at 19:45.
const OPENS_AT = '2026-12-04T12:50:00.000Z';
const CLOSES_AT = '2026-12-04T14:15:00.000Z';
const MINUTE = 60_000;

function renderButton() {
  return renderUi(<JoinSessionButton bookingId="b-42" opensAt={OPENS_AT} closesAt={CLOSES_AT} timeZone="Asia/Kolkata" />);
}

const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('join session button', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('when the call opens more than an hour from now, then a disabled button names the day and time, and an hour before it starts counting minutes', () => {
    vi.setSystemTime(new Date(Date.parse(OPENS_AT) - 3 * 60 * MINUTE));
    renderButton();

    expect(screen.getByRole('button', { name: 'Opens Fri 4 Dec, 18:20' })).toBeDisabled();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();

    advance(2 * 60 * MINUTE);

    expect(screen.getByRole('button', { name: 'Join opens in 60 min' })).toBeDisabled();
  });

  it('when the call opens in 12 minutes, then the button counts down and becomes the link to the call at the very instant it opens', () => {
    vi.setSystemTime(new Date(Date.parse(OPENS_AT) - 12 * MINUTE));
    renderButton();

    expect(screen.getByRole('button', { name: 'Join opens in 12 min' })).toBeDisabled();

    advance(11 * MINUTE);
    expect(screen.getByRole('button', { name: 'Join opens in 1 min' })).toBeDisabled();

    advance(MINUTE - 1);
    expect(screen.getByRole('button', { name: 'Join opens in 1 min' })).toBeDisabled();
    expect(screen.queryByRole('link', { name: 'Join session' })).not.toBeInTheDocument();

    advance(1);
    expect(screen.getByRole('link', { name: 'Join session' })).toHaveAttribute('href', '/bookings/b-42/call');
    expect(screen.queryByRole('button', { name: /Join opens/ })).not.toBeInTheDocument();
  });

  it('when the window closes while the link is shown, then it gives way to "The call has closed" at that instant', () => {
    vi.setSystemTime(new Date(Date.parse(CLOSES_AT) - 1_000));
    renderButton();

    expect(screen.getByRole('link', { name: 'Join session' })).toBeInTheDocument();

    advance(999);
    expect(screen.getByRole('link', { name: 'Join session' })).toBeInTheDocument();

    advance(1);
    expect(screen.getByText('The call has closed')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Join session' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('when the page opens after the window, then it says the call has closed and offers no way in', () => {
    vi.setSystemTime(new Date(Date.parse(CLOSES_AT) + 5 * MINUTE));
    renderButton();

    expect(screen.getByText('The call has closed')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
