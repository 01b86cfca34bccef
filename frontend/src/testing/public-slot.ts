import type { PublicSlot } from '@/features/availability/types';

/**
 * A mentor's open slot as their public availability lists it; by default Asha's "System design AMA":
 * a group session on Friday 27 November 2026, 16:00–17:00 in Kolkata, 3 of 8 seats taken, ₹499.
 */
export const aPublicSlot = (overrides: Partial<PublicSlot> = {}): PublicSlot => ({
  id: 'c0a8012e-0000-4000-8000-000000000001',
  kind: 'group',
  title: 'System design AMA',
  startsAt: '2026-11-27T10:30:00.000Z',
  endsAt: '2026-11-27T11:30:00.000Z',
  durationMinutes: 60,
  capacity: 8,
  seatsTaken: 3,
  seatsLeft: 5,
  pricePaise: 499_00,
  status: 'published',
  local: '16:00',
  localDate: '2026-11-27',
  ...overrides,
});
