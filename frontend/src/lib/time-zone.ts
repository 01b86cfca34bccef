/**
 * Browsers (and Node) list zones by their CLDR ids, which keep names IANA has since replaced:
 * Intl.supportedValuesOf('timeZone') has "Asia/Calcutta" but no "Asia/Kolkata", so an Indian user
 * searching for Kolkata would find nothing. These are the renamed ids in that list, mapped to the
 * current IANA names; both spellings denote the same zone, so either is safe to send to the server.
 */
const renamedZones: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The current IANA name of a zone ("Asia/Calcutta" → "Asia/Kolkata"); other names pass through. */
export function modernTimeZone(zone: string): string {
  const renamed = renamedZones[zone];
  return renamed && isKnownTimeZone(renamed) ? renamed : zone;
}

/** True when both names denote the same zone, e.g. "Asia/Calcutta" and "Asia/Kolkata". */
export function sameTimeZone(a: string, b: string): boolean {
  return modernTimeZone(a) === modernTimeZone(b);
}

/** The browser's IANA time zone, e.g. "Asia/Kolkata"; null where the runtime can't tell. */
export function detectTimeZone(): string | null {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone ? modernTimeZone(zone) : null;
  } catch {
    return null;
  }
}

/**
 * Every zone this browser knows, by current IANA name and sorted. `extra` zones (e.g. the user's
 * own) are included so a select never shows a blank value.
 */
export function listTimeZones(...extra: (string | null | undefined)[]): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set([...known, 'UTC', ...extra.filter((zone): zone is string => Boolean(zone))].map(modernTimeZone));
  return [...zones].sort((a, b) => a.localeCompare(b));
}
