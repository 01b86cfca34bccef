import express from 'express';
import { endpoint } from '../../lib/http.js';
import { idParams } from '../../lib/pagination.js';
import { problemSchema } from '../../lib/problem.js';
import type { SessionsContext } from './sessions.context.js';
import { attendanceSchema, attendanceSignalSchema, meetingSchema, notesSchema, saveNotesSchema } from './sessions.schemas.js';
import { attendanceOf, getMeeting, getNotes, receiveVideoWebhook, recordBrowserSignal, saveNotes } from './sessions.service.js';

const problems = {
  404: { description: 'Not a booking of yours', schema: problemSchema },
  409: { description: 'Outside the join window (code meeting_not_open, with opensAt and closesAt) or the session is not taking place', schema: problemSchema },
  422: { description: 'Invalid input, naming the field', schema: problemSchema },
};

export function sessionsEndpoints(ctx: SessionsContext) {
  return [
    endpoint({
      method: 'get',
      path: '/api/bookings/:id/meeting',
      summary: 'Enter the session’s call: room and token, inside the join window only',
      tag: 'sessions',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'The call', schema: meetingSchema }, 404: problems[404], 409: problems[409] },
      handler: async ({ res, auth, params }) => {
        res.set('Cache-Control', 'no-store').json(await getMeeting(ctx, auth.userId, params.id));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/bookings/:id/attendance',
      summary: 'A sign from the browser in the call (joined, heartbeat every 30 s, left); the server stamps its time',
      tag: 'sessions',
      access: 'user',
      params: idParams,
      body: attendanceSignalSchema,
      responses: { 204: { description: 'Recorded' }, ...problems },
      handler: async ({ res, auth, params, body }) => {
        await recordBrowserSignal(ctx, auth.userId, params.id, body.type);
        res.status(204).end();
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/bookings/:id/attendance',
      summary: 'Who was in the call and for how much of the session (participants and admins)',
      tag: 'sessions',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'Attendance', schema: attendanceSchema }, 404: problems[404] },
      handler: async ({ res, auth, params }) => {
        res.json(await attendanceOf(ctx, auth, params.id));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/bookings/:id/notes',
      summary: 'The mentor’s notes (the student reads them once the session has ended)',
      tag: 'sessions',
      access: 'user',
      params: idParams,
      responses: { 200: { description: 'Notes', schema: notesSchema }, 404: problems[404], 409: { description: 'Not shared yet (code notes_not_yet)', schema: problemSchema } },
      handler: async ({ res, auth, params }) => {
        res.json(await getNotes(ctx, auth, params.id));
      },
    }),
    endpoint({
      method: 'put',
      path: '/api/bookings/:id/notes',
      summary: 'The mentor saves the session notes',
      tag: 'sessions',
      access: 'user',
      params: idParams,
      body: saveNotesSchema,
      responses: { 200: { description: 'Saved', schema: notesSchema }, 403: { description: 'Only the mentor writes notes', schema: problemSchema }, ...problems },
      handler: async ({ res, auth, params, body }) => {
        res.json(await saveNotes(ctx, auth.userId, params.id, body.text));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/meetings/webhook',
      summary: 'Attendance events from the video server (JaaS format, X-Jaas-Signature over the raw body)',
      tag: 'sessions',
      access: 'public',
      // The signature covers the exact bytes received, so this route reads the raw body.
      before: [express.raw({ type: () => true, limit: '256kb' })],
      responses: { 200: { description: 'Accepted (or a repeat)' }, 400: { description: 'Bad or stale signature, or not an event; nothing stored', schema: problemSchema } },
      handler: async ({ req, res }) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        res.json(await receiveVideoWebhook(ctx, raw, req.header('X-Jaas-Signature') ?? ''));
      },
    }),
  ];
}
