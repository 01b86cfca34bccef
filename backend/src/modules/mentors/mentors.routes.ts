import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { endpoint } from '../../lib/http.js';
import { singleFileUpload } from '../../lib/uploads.js';
import { storeAvatar } from '../../lib/images.js';
import { paginationQuery } from '../../lib/pagination.js';
import { offeredSessionLengths } from '../availability/availability.service.js';
import { reviewListSchema } from '../reviews/reviews.schemas.js';
import { listPublicReviews } from '../reviews/reviews.service.js';
import { setAvatarUrl, toPublicUser } from '../users/users.service.js';
import { userSchema } from '../users/users.schemas.js';
import {
  acceptingSchema,
  applicationDraftSchema,
  applicationSchema,
  applicationSchemaOut,
  discoveryQuery,
  facetsSchema,
  mentorListSchema,
  mentorProfileSchema,
  mentorProfileUpdateSchema,
  slugParams,
} from './mentors.schemas.js';
import {
  discoveryFacets,
  getMentorProfile,
  getMyApplication,
  getOwnMentorProfile,
  mentorCardChanged,
  mentorIdBySlug,
  saveApplicationDraft,
  searchMentors,
  setAcceptingBookings,
  submitApplication,
  updateMentorProfile,
} from './mentors.service.js';

export interface MentorsRouteDeps {
  db: Db;
  dataDir: string;
  avatarMaxBytes: number;
}

export function mentorsEndpoints({ db, dataDir, avatarMaxBytes }: MentorsRouteDeps) {
  return [
    endpoint({
      method: 'post',
      path: '/api/mentors/applications',
      summary: 'Submit (or resubmit after a rejection) my mentor application',
      tag: 'mentors',
      access: 'user',
      body: applicationSchema,
      responses: {
        201: { description: 'Submitted', schema: applicationSchemaOut },
        409: { description: 'Already a mentor (`already_mentor`) or under review (`application_pending`)' },
      },
      handler: async ({ res, auth, body }) => {
        const { application } = await submitApplication(db, auth.userId, auth.role, body);
        res.status(201).json(application);
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/mentors/applications/me',
      summary: 'My mentor application and its status',
      tag: 'mentors',
      access: 'user',
      responses: { 200: { description: 'The application', schema: applicationSchemaOut }, 404: { description: 'No application yet' } },
      handler: async ({ res, auth }) => {
        res.json(await getMyApplication(db, auth.userId));
      },
    }),
    endpoint({
      method: 'put',
      path: '/api/mentors/applications/me/draft',
      summary: 'Save my application as a draft to finish later',
      tag: 'mentors',
      access: 'user',
      body: applicationDraftSchema,
      responses: { 200: { description: 'Draft saved', schema: applicationSchemaOut } },
      handler: async ({ res, auth, body }) => {
        res.json(await saveApplicationDraft(db, auth.userId, auth.role, body));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/mentors/me',
      summary: 'My mentor profile',
      tag: 'mentors',
      access: ['mentor'],
      responses: { 200: { description: 'The profile', schema: mentorProfileSchema } },
      handler: async ({ res, auth }) => {
        const profile = await getOwnMentorProfile(db, auth.userId);
        res.json({ ...profile, sessionLengths: await offeredSessionLengths(db, profile.slug) });
      },
    }),
    endpoint({
      method: 'patch',
      path: '/api/mentors/me',
      summary: 'Edit my mentor profile',
      tag: 'mentors',
      access: ['mentor'],
      body: mentorProfileUpdateSchema,
      responses: { 200: { description: 'The updated profile', schema: mentorProfileSchema } },
      handler: async ({ res, auth, body }) => {
        const profile = await updateMentorProfile(db, auth.userId, body);
        res.json({ ...profile, sessionLengths: await offeredSessionLengths(db, profile.slug) });
      },
    }),
    endpoint({
      method: 'put',
      path: '/api/mentors/me/avatar',
      summary: 'Upload my avatar (multipart field "avatar": PNG, JPEG or WebP, at most 2 MB)',
      tag: 'mentors',
      access: ['mentor'],
      before: [singleFileUpload('avatar', avatarMaxBytes, { tooLarge: `The image must be at most ${Math.round(avatarMaxBytes / 1024 / 1024)} MB`, wrong: 'Send one image file in the "avatar" field' })],
      responses: {
        200: { description: 'The user with the new avatar URL', schema: userSchema },
        413: { description: 'Image too large (`file_too_large`)' },
      },
      handler: async ({ req, res, auth }) => {
        if (!req.file) {
          throw new AppError('validation_failed', 'The request is invalid', 422, { errors: [{ path: 'avatar', message: 'Choose an image to upload' }] });
        }
        const url = await storeAvatar(req.file.buffer, path.join(dataDir, 'uploads'), auth.userId);
        const user = await setAvatarUrl(db, auth.userId, url);
        mentorCardChanged(db);
        res.json(toPublicUser(user));
      },
    }),
    endpoint({
      method: 'put',
      path: '/api/mentors/me/accepting-bookings',
      summary: 'Pause or resume accepting bookings',
      tag: 'mentors',
      access: ['mentor'],
      body: acceptingSchema,
      responses: { 200: { description: 'The new state', schema: z.object({ accepting: z.boolean(), slug: z.string() }) } },
      handler: async ({ res, auth, body }) => {
        res.json(await setAcceptingBookings(db, auth.userId, body.accepting));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/mentors',
      summary: 'Discover mentors: full-text search, filters, sorts, pages (prices in paise, filtered on the 30-minute price)',
      tag: 'mentors',
      access: 'public',
      query: discoveryQuery,
      responses: { 200: { description: 'A page of mentors', schema: mentorListSchema } },
      handler: async ({ res, query }) => {
        res.json(await searchMentors(db, query));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/mentors/facets',
      summary: 'Values available for the discovery filters',
      tag: 'mentors',
      access: 'public',
      responses: { 200: { description: 'Facets', schema: facetsSchema } },
      handler: async ({ res }) => {
        res.json(await discoveryFacets(db));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/mentors/:slug',
      summary: 'A mentor’s public profile',
      tag: 'mentors',
      access: 'public',
      params: slugParams,
      responses: { 200: { description: 'The profile', schema: mentorProfileSchema }, 404: { description: 'No such approved mentor' } },
      handler: async ({ res, params }) => {
        const [profile, sessionLengths] = await Promise.all([getMentorProfile(db, params.slug), offeredSessionLengths(db, params.slug)]);
        res.json({ ...profile, sessionLengths });
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/mentors/:slug/reviews',
      summary: 'A mentor’s public reviews, newest first',
      tag: 'mentors',
      access: 'public',
      params: slugParams,
      query: paginationQuery({ defaultLimit: 10, maxLimit: 50 }),
      responses: { 200: { description: 'A page of reviews', schema: reviewListSchema } },
      handler: async ({ res, params, query }) => {
        res.json(await listPublicReviews(db, await mentorIdBySlug(db, params.slug), query.page, query.limit));
      },
    }),
  ];
}
