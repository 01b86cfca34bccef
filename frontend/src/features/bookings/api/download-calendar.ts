import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { saveBlob } from '@/lib/download';

/** GET /api/bookings/:id/calendar.ics, saved as "<code>.ics". It needs the bearer token, hence the blob. */
export async function downloadCalendar({ id, code }: { id: string; code: string }): Promise<void> {
  const file = await apiClient.getBlob(`/api/bookings/${encodeURIComponent(id)}/calendar.ics`, { headers: { Accept: 'text/calendar' } });
  saveBlob(file, `${code}.ics`);
}

export function useDownloadCalendar() {
  return useMutation({ mutationFn: downloadCalendar });
}
