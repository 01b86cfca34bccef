import { Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError } from '@/lib/api-client';
import { useSetAcceptingBookings } from '../api/set-accepting-bookings';

/** Pause or resume bookings; while the request runs, the switch shows where it is going. */
export function AcceptingBookingsSwitch({ accepting }: { accepting: boolean }) {
  const setAccepting = useSetAcceptingBookings();
  const checked = setAccepting.isPending ? setAccepting.variables : accepting;

  return (
    <Switch
      size="md"
      label={checked ? 'Accepting bookings' : 'Bookings paused'}
      description={
        checked
          ? 'Students can find you in search and book you.'
          : "You don't appear in search and nobody can book you. Your profile page stays visible."
      }
      checked={checked}
      disabled={setAccepting.isPending}
      onChange={(event) =>
        setAccepting.mutate(event.currentTarget.checked, {
          onSuccess: (result) =>
            notifications.show({
              color: 'teal',
              title: result.accepting ? 'Bookings resumed' : 'Bookings paused',
              message: result.accepting ? 'Students can book you again.' : 'You can resume any time.',
            }),
          onError: (error) =>
            notifications.show({
              color: 'red',
              title: "Couldn't change your booking status",
              message: error instanceof ApiError ? (error.detail ?? error.title) : 'Please try again.',
            }),
        })
      }
    />
  );
}
