import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { EmptyState } from '@/components/empty-state';
import { zoneLabel } from '@/lib/time-zone-clock';
import { useCreateSlot } from '../api/create-slot';
import { useDeleteSlot } from '../api/delete-slot';
import { useUpdateSlot } from '../api/update-slot';
import type { Slot } from '../types';
import { emptySlotForm, slotFormValuesFrom } from '../utils/slot-form';
import { describeSlotTime, SlotCard } from './slot-card';
import { SlotForm } from './slot-form';

interface SlotsPanelProps {
  slots: Slot[];
  timeZone: string;
  horizonDays: number;
}

type Dialog = { type: 'create' } | { type: 'edit'; slot: Slot } | { type: 'delete'; slot: Slot } | null;

/** The mentor's upcoming slots, with create, edit and delete (the last two only while nobody has booked). */
export function SlotsPanel({ slots, timeZone, horizonDays }: SlotsPanelProps) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const phone = useMediaQuery('(max-width: 36em)');
  const create = useCreateSlot();
  const update = useUpdateSlot();
  const remove = useDeleteSlot();
  const close = () => setDialog(null);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2} size="h4">
            Upcoming slots
          </Title>
          <Text size="sm" c="dimmed">
            Sessions on a specific date, 1-to-1 or for a group, at their own price. Times in {zoneLabel(timeZone)}.
          </Text>
        </div>
        <Button onClick={() => setDialog({ type: 'create' })}>New slot</Button>
      </Group>

      {slots.length === 0 ? (
        <EmptyState
          title="No upcoming slots"
          description="Publish a group session, or a 1-to-1 at a special time or price, on a date of your choice."
        />
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Upcoming slots">
          {slots.map((slot) => (
            <SlotCard
              key={slot.id}
              slot={slot}
              timeZone={timeZone}
              onEdit={() => setDialog({ type: 'edit', slot })}
              onDelete={() => setDialog({ type: 'delete', slot })}
            />
          ))}
        </Stack>
      )}

      <Modal
        opened={dialog?.type === 'create' || dialog?.type === 'edit'}
        onClose={close}
        title={dialog?.type === 'edit' ? 'Edit slot' : 'New slot'}
        size="lg"
        fullScreen={phone}
      >
        {dialog?.type === 'create' ? (
          <SlotForm
            defaultValues={emptySlotForm()}
            timeZone={timeZone}
            horizonDays={horizonDays}
            submitLabel="Publish slot"
            onCancel={close}
            onSubmit={async (input) => {
              const slot = await create.mutateAsync(input);
              close();
              notifications.show({ color: 'teal', title: 'Slot published', message: `${slot.title}, ${describeSlotTime(slot, timeZone)}` });
            }}
          />
        ) : dialog?.type === 'edit' ? (
          <SlotForm
            defaultValues={slotFormValuesFrom(dialog.slot, timeZone)}
            timeZone={timeZone}
            horizonDays={horizonDays}
            submitLabel="Save slot"
            onCancel={close}
            onSubmit={async (input) => {
              const slot = await update.mutateAsync({ id: dialog.slot.id, ...input });
              close();
              notifications.show({ color: 'teal', title: 'Slot saved', message: `${slot.title}, ${describeSlotTime(slot, timeZone)}` });
            }}
          />
        ) : null}
      </Modal>

      <Modal opened={dialog?.type === 'delete'} onClose={close} title="Delete this slot?" size="sm">
        {dialog?.type === 'delete' ? (
          <Stack gap="md">
            <Text size="sm">
              {dialog.slot.title}, {describeSlotTime(dialog.slot, timeZone)}. Students will no longer see it.
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Keep it
              </Button>
              <Button
                color="red"
                loading={remove.isPending}
                onClick={() =>
                  remove.mutate(dialog.slot.id, {
                    onSuccess: () => {
                      close();
                      notifications.show({ color: 'teal', message: 'Slot deleted.' });
                    },
                    onError: (error) => {
                      close();
                      notifications.show({ color: 'red', title: "Couldn't delete the slot", message: error.message });
                    },
                  })
                }
              >
                Delete slot
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
