import { describe, expect, it } from 'vitest';
import { aPublicSlot } from '@/testing/public-slot';
import type { PublicAvailability } from '../types';
import { addMonths, groupByDate, monthOf, monthWindow } from './booking-calendar';

const answer: PublicAvailability = {
  timeZone: 'Asia/Kolkata',
  mentorTimeZone: 'Asia/Kolkata',
  durationMinutes: 30,
  days: [
    {
      date: '2026-11-25',
      times: [
        { startsAt: '2026-11-25T04:00:00.000Z', local: '09:30' },
        { startsAt: '2026-11-25T03:30:00.000Z', local: '09:00' },
      ],
    },
    { date: '2026-11-24', times: [{ startsAt: '2026-11-24T03:30:00.000Z', local: '09:00' }] },
    { date: '2026-11-26', times: [] },
  ],
  groupSlots: [
    aPublicSlot(),
    aPublicSlot({ id: 'c0a8012e-0000-4000-8000-000000000002', localDate: '2026-11-25', startsAt: '2026-11-25T12:30:00.000Z', local: '18:00' }),
    aPublicSlot({ id: 'c0a8012e-0000-4000-8000-000000000003', localDate: '2026-11-28', seatsTaken: 8, seatsLeft: 0 }),
  ],
};

describe('the booking calendar’s days', () => {
  it('when an answer is grouped, then each date with times or open sessions is marked, in date order, earliest first within a day', () => {
    const byDate = groupByDate(answer);

    expect([...byDate.keys()]).toEqual(['2026-11-24', '2026-11-25', '2026-11-27']);
    expect(byDate.get('2026-11-25')!.times.map((time) => time.local)).toEqual(['09:00', '09:30']);
    expect(byDate.get('2026-11-25')!.slots.map((s) => s.local)).toEqual(['18:00']);
    expect(byDate.get('2026-11-27')).toMatchObject({ times: [], slots: [{ title: 'System design AMA', seatsLeft: 5 }] });
  });

  it('when a day has neither times nor seats left, then it is not marked', () => {
    const byDate = groupByDate(answer);

    expect(byDate.has('2026-11-26')).toBe(false);
    expect(byDate.has('2026-11-28')).toBe(false);
  });

  it('when a month is on screen, then the window runs from today (or the 1st) to its last day, and a past month asks for nothing', () => {
    expect(monthWindow('2026-11-01', '2026-11-22')).toEqual({ from: '2026-11-22', to: '2026-11-30' });
    expect(monthWindow('2026-12-01', '2026-11-22')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthWindow('2027-02-01', '2026-11-22')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(monthWindow('2026-10-01', '2026-11-22')).toBeNull();
  });

  it('when months are stepped, then years roll over', () => {
    expect(monthOf('2026-11-25')).toBe('2026-11-01');
    expect(addMonths('2026-11-01', 1)).toBe('2026-12-01');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
    expect(addMonths('2027-01-01', -1)).toBe('2026-12-01');
  });
});
