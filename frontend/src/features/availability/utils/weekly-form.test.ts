import { describe, expect, it } from 'vitest';
import type { Availability } from '../types';
import { rangeProblems } from './ranges';
import { availabilityFormSchema, formValuesFrom, toSaveRequest } from './weekly-form';

const settings: Availability['settings'] = {
  timeZone: 'Asia/Calcutta',
  sessionLengths: [30, 60],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 10,
  minNoticeMinutes: 720,
  horizonDays: 28,
  slotIntervalMinutes: 30,
  dailyLimit: 4,
  weeklyLimit: null,
};

const availability: Availability = {
  settings,
  weekly: [
    { weekday: 2, startMinute: 18 * 60, endMinute: 21 * 60 },
    { weekday: 1, startMinute: 18 * 60, endMinute: 21 * 60 },
    { weekday: 2, startMinute: 9 * 60, endMinute: 10 * 60 },
    { weekday: 3, startMinute: 18 * 60, endMinute: 24 * 60 },
  ],
  overrides: [],
};

describe('weekly hours form ⇄ request body', () => {
  it('when the saved availability is loaded, then each weekday holds its ranges in order as HH:mm and the notice is in hours', () => {
    const values = formValuesFrom(availability);

    expect(values.days[0]!.ranges).toEqual([]);
    expect(values.days[1]!.ranges).toEqual([{ start: '18:00', end: '21:00' }]);
    expect(values.days[2]!.ranges).toEqual([
      { start: '09:00', end: '10:00' },
      { start: '18:00', end: '21:00' },
    ]);
    expect(values.days[3]!.ranges).toEqual([{ start: '18:00', end: '24:00' }]);
    expect(values).toMatchObject({ timeZone: 'Asia/Kolkata', sessionLengths: ['30', '60'], minNoticeHours: 12, slotIntervalMinutes: '30' });
  });

  it('when the form is turned into a PUT body, then weekly rules are flat, in minutes, and settings are in the server’s units', () => {
    const values = formValuesFrom(availability);
    values.minNoticeHours = 1.5;
    values.dailyLimit = null;
    values.sessionLengths = ['60', '30'];

    const { input } = toSaveRequest(values);

    expect(input).toEqual({
      settings: { ...settings, timeZone: 'Asia/Kolkata', minNoticeMinutes: 90, dailyLimit: null, sessionLengths: [30, 60] },
      weekly: [
        { weekday: 1, startMinute: 1080, endMinute: 1260 },
        { weekday: 2, startMinute: 540, endMinute: 600 },
        { weekday: 2, startMinute: 1080, endMinute: 1260 },
        { weekday: 3, startMinute: 1080, endMinute: 1440 },
      ],
    });
  });

  it("when the server names weekly.N, then the path points at the weekday's row that became the N-th rule", () => {
    const { formPathOf } = toSaveRequest(formValuesFrom(availability));

    expect(formPathOf('weekly.0.startMinute')).toBe('days.1.ranges.0.start');
    expect(formPathOf('weekly.2.startMinute')).toBe('days.2.ranges.1.start');
    expect(formPathOf('weekly.3.endMinute')).toBe('days.3.ranges.0.end');
    expect(formPathOf('weekly.9.startMinute')).toBeNull();
    expect(formPathOf('settings.minNoticeMinutes')).toBe('minNoticeHours');
    expect(formPathOf('settings.sessionLengths.1')).toBe('sessionLengths');
    expect(formPathOf('weekly')).toBeNull();
  });
});

describe('a day’s ranges', () => {
  it('when a range ends before it starts, then its end is wrong', () => {
    expect(rangeProblems([{ start: '10:00', end: '09:00' }])).toEqual([{ index: 0, field: 'end', message: 'The end must be after the start' }]);
    expect(rangeProblems([{ start: '10:00', end: '10:00' }])).toHaveLength(1);
  });

  it('when two ranges overlap, then the later-starting one is named, whatever its position', () => {
    expect(
      rangeProblems([
        { start: '12:00', end: '14:00' },
        { start: '09:00', end: '12:30' },
      ]),
    ).toEqual([{ index: 0, field: 'start', message: 'This range overlaps another one on the same day' }]);
    expect(
      rangeProblems([
        { start: '09:00', end: '12:00' },
        { start: '12:00', end: '14:00' },
      ]),
    ).toEqual([]);
  });

  it('when the whole form is validated, then a bad range is reported at its own day and row', () => {
    const values = formValuesFrom(availability);
    values.days[5]!.ranges = [
      { start: '09:00', end: '11:00' },
      { start: '10:00', end: '12:00' },
    ];
    const result = availabilityFormSchema.safeParse(values);

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['days.5.ranges.1.start']);
  });
});
