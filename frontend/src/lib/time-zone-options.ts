import { listTimeZones } from './time-zone';

export interface TimeZoneOption {
  value: string;
  label: string;
}

function offsetLabel(timeZone: string, at: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
    const offset = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
    // "GMT" alone means +00:00.
    return offset === 'GMT' ? 'GMT+00:00' : offset;
  } catch {
    return '';
  }
}

/**
 * Select options for every zone, labelled with today's UTC offset ("Asia/Kolkata (GMT+05:30)") so
 * people can find their zone by offset as well as by city. Offsets change with DST; the label is a hint.
 */
export function timeZoneOptions(...extra: (string | null | undefined)[]): TimeZoneOption[] {
  const now = new Date();
  return listTimeZones(...extra).map((zone) => {
    const offset = offsetLabel(zone, now);
    return { value: zone, label: offset ? `${zone.replaceAll('_', ' ')} (${offset})` : zone.replaceAll('_', ' ') };
  });
}
