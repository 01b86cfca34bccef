import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { endpoint } from '../../lib/http.js';
import { idParams } from '../../lib/pagination.js';
import { slugParams } from '../mentors/mentors.schemas.js';
import {
  availabilitySchema,
  createSlotSchema,
  overrideInputSchema,
  overrideSchema,
  publicAvailabilityQuery,
  publicAvailabilitySchema,
  putAvailabilitySchema,
  slotSchema,
  updateSlotSchema,
} from './availability.schemas.js';
import {
  addOverride,
  createSlot,
  deleteOverride,
  deleteSlot,
  getAvailability,
  listSlots,
  publicAvailability,
  putAvailability,
  updateSlot,
} from './availability.service.js';

export function availabilityEndpoints(db: Db) {
  return [
    endpoint({
      method: 'get',
      path: '/api/mentors/me/availability',
      summary: 'My weekly hours, overrides and scheduling settings',
      tag: 'availability',
      access: ['mentor'],
      responses: { 200: { description: 'Availability', schema: availabilitySchema } },
      handler: async ({ res, auth }) => {
        res.json(await getAvailability(db, auth.userId));
      },
    }),
    endpoint({
      method: 'put',
      path: '/api/mentors/me/availability',
      summary: 'Replace my weekly hours and settings',
      tag: 'availability',
      access: ['mentor'],
      body: putAvailabilitySchema,
      responses: { 200: { description: 'Availability', schema: availabilitySchema } },
      handler: async ({ res, auth, body }) => {
        res.json(await putAvailability(db, auth.userId, body));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/mentors/me/availability/overrides',
      summary: 'Add a date override (other hours) or block dates (a day off or a vacation)',
      tag: 'availability',
      access: ['mentor'],
      body: overrideInputSchema,
      responses: { 201: { description: 'The override', schema: overrideSchema }, 409: { description: 'Overlaps another override (`override_overlap`)' } },
      handler: async ({ res, auth, body }) => {
        res.status(201).json(await addOverride(db, auth.userId, body));
      },
    }),
    endpoint({
      method: 'delete',
      path: '/api/mentors/me/availability/overrides/:id',
      summary: 'Remove an override',
      tag: 'availability',
      access: ['mentor'],
      params: idParams,
      responses: { 204: { description: 'Removed' }, 404: { description: 'Not found (or not yours)' } },
      handler: async ({ res, auth, params }) => {
        await deleteOverride(db, auth.userId, params.id);
        res.status(204).end();
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/mentors/me/slots',
      summary: 'My upcoming specific-date slots with their booked seats',
      tag: 'availability',
      access: ['mentor'],
      responses: { 200: { description: 'Slots', schema: z.object({ items: z.array(slotSchema) }) } },
      handler: async ({ res, auth }) => {
        res.json({ items: await listSlots(db, auth.userId) });
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/mentors/me/slots',
      summary: 'Publish a 1-to-1 (capacity 1) or group (2–20) slot',
      tag: 'availability',
      access: ['mentor'],
      body: createSlotSchema,
      responses: { 201: { description: 'The slot', schema: slotSchema }, 409: { description: 'Overlaps another slot or booking (`slot_overlap`)' } },
      handler: async ({ res, auth, body }) => {
        res.status(201).json(await createSlot(db, auth.userId, body));
      },
    }),
    endpoint({
      method: 'patch',
      path: '/api/mentors/me/slots/:id',
      summary: 'Edit a slot nobody has booked yet',
      tag: 'availability',
      access: ['mentor'],
      params: idParams,
      body: updateSlotSchema,
      responses: {
        200: { description: 'The slot', schema: slotSchema },
        404: { description: 'Not found (or not yours)' },
        409: { description: 'Booked already (`slot_has_bookings`) or overlapping (`slot_overlap`)' },
      },
      handler: async ({ res, auth, params, body }) => {
        res.json(await updateSlot(db, auth.userId, params.id, body));
      },
    }),
    endpoint({
      method: 'delete',
      path: '/api/mentors/me/slots/:id',
      summary: 'Delete a slot nobody has booked yet',
      tag: 'availability',
      access: ['mentor'],
      params: idParams,
      responses: { 204: { description: 'Deleted' }, 404: { description: 'Not found (or not yours)' }, 409: { description: 'Booked already (`slot_has_bookings`)' } },
      handler: async ({ res, auth, params }) => {
        await deleteSlot(db, auth.userId, params.id);
        res.status(204).end();
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/mentors/:slug/availability',
      summary: 'Bookable start times and open slots of a mentor, in the viewer’s time zone',
      tag: 'availability',
      access: 'public',
      params: slugParams,
      query: publicAvailabilityQuery,
      responses: { 200: { description: 'Bookable times grouped by the viewer’s local date', schema: publicAvailabilitySchema } },
      handler: async ({ res, params, query }) => {
        res.json(await publicAvailability(db, params.slug, query));
      },
    }),
  ];
}
