import { describe, expect, it } from 'vitest';
import { emptyOverrideForm, overrideFormPathOf, overrideFormSchema, toOverrideInput } from './override-form';

describe('date override form ⇄ request body', () => {
  it('when other hours are added on a date, then the body carries the ranges in minutes and no end date', () => {
    const values = { ...emptyOverrideForm('hours'), startDate: '2026-12-02', ranges: [{ start: '07:30', end: '09:00' }], note: ' Dentist ' };

    expect(toOverrideInput(values)).toEqual({ startDate: '2026-12-02', ranges: [{ startMinute: 450, endMinute: 540 }], note: 'Dentist' });
  });

  it('when a date is blocked, then the body has no ranges, which the server reads as blocked', () => {
    expect(toOverrideInput({ ...emptyOverrideForm('block'), startDate: '2026-12-02' })).toEqual({ startDate: '2026-12-02' });
  });

  it('when a vacation is added, then both ends go and the end must be picked', () => {
    expect(toOverrideInput({ ...emptyOverrideForm('vacation'), startDate: '2026-12-20', endDate: '2027-01-02' })).toEqual({
      startDate: '2026-12-20',
      endDate: '2027-01-02',
    });
    const missingEnd = overrideFormSchema.safeParse({ ...emptyOverrideForm('vacation'), startDate: '2026-12-20' });
    expect(missingEnd.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['endDate']);
  });

  it("when the server names a range's minute, then the error lands on that row's time", () => {
    expect(overrideFormPathOf('ranges.1.startMinute')).toBe('ranges.1.start');
    expect(overrideFormPathOf('ranges.0.endMinute')).toBe('ranges.0.end');
    expect(overrideFormPathOf('startDate')).toBe('startDate');
    expect(overrideFormPathOf('something')).toBeNull();
  });
});
