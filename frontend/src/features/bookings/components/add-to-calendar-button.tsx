import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useDownloadCalendar } from '../api/download-calendar';
import type { Booking } from '../types';

/** Downloads the session's .ics invite (fetched with the bearer token, then saved). */
export function AddToCalendarButton({ booking, ...props }: { booking: Pick<Booking, 'id' | 'code'> } & ButtonProps) {
  const download = useDownloadCalendar();
  return (
    <Button
      variant="default"
      {...props}
      loading={download.isPending}
      onClick={() =>
        download.mutate(
          { id: booking.id, code: booking.code },
          { onError: (error) => notifications.show({ color: 'red', title: 'Couldn’t download the invite', message: error.message }) },
        )
      }
    >
      Add to calendar
    </Button>
  );
}
