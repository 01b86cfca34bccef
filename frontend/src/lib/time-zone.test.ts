import { describe, expect, it } from 'vitest';
import { listTimeZones, modernTimeZone, sameTimeZone } from './time-zone';

describe('time zones', () => {
  it('when the runtime lists a renamed zone (Asia/Calcutta), then the list offers its current name instead', () => {
    const zones = listTimeZones();

    expect(zones).toContain('Asia/Kolkata');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones).toContain('Europe/Kyiv');
    expect(zones).toContain('UTC');
    expect(zones).toEqual([...zones].sort((a, b) => a.localeCompare(b)));
  });

  it("when the user's zone is an old alias, then it is shown by its current name and not listed twice", () => {
    const zones = listTimeZones('Asia/Calcutta');

    expect(zones.filter((zone) => zone === 'Asia/Kolkata')).toHaveLength(1);
    expect(modernTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(modernTimeZone('Europe/London')).toBe('Europe/London');
    expect(sameTimeZone('Asia/Calcutta', 'Asia/Kolkata')).toBe(true);
    expect(sameTimeZone('Asia/Kolkata', 'Asia/Dhaka')).toBe(false);
  });
});
