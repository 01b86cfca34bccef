import type { Db } from '../../db/client.js';
import { endpoint } from '../../lib/http.js';
import { idParams, pageSchema } from '../../lib/pagination.js';
import { adminApplicationSchema, adminApplicationsQuery, applicationSchemaOut, rejectSchema } from '../mentors/mentors.schemas.js';
import { approveApplication, listApplications, rejectApplication, type Links } from '../mentors/mentors.service.js';
import { adminQueueCounts, adminQueueCountsSchema } from './admin.service.js';

export function adminEndpoints(db: Db, links: Links) {
  return [
    endpoint({
      method: 'get',
      path: '/api/admin/queues',
      summary: 'How much waits in each admin queue (applications, disputes, reported reviews, withdrawals to approve)',
      tag: 'admin',
      access: ['admin'],
      responses: { 200: { description: 'Counts', schema: adminQueueCountsSchema } },
      handler: async ({ res }) => {
        res.json(await adminQueueCounts(db));
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/admin/mentor-applications',
      summary: 'Mentor applications by status (pending: oldest first)',
      tag: 'admin',
      access: ['admin'],
      query: adminApplicationsQuery,
      responses: { 200: { description: 'A page of applications', schema: pageSchema(adminApplicationSchema).meta({ id: 'AdminMentorApplicationList' }) } },
      handler: async ({ res, query }) => {
        res.json(await listApplications(db, query));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/admin/mentor-applications/:id/approve',
      summary: 'Approve an application: the user becomes a mentor (approving twice changes nothing)',
      tag: 'admin',
      access: ['admin'],
      params: idParams,
      responses: {
        200: { description: 'Approved', schema: applicationSchemaOut },
        404: { description: 'No such application' },
        409: { description: 'Rejected or not submitted (`application_rejected`, `application_not_submitted`)' },
      },
      handler: async ({ res, auth, params }) => {
        res.json(await approveApplication(db, auth.userId, params.id, links));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/admin/mentor-applications/:id/reject',
      summary: 'Reject an application with a reason (emailed to the applicant)',
      tag: 'admin',
      access: ['admin'],
      params: idParams,
      body: rejectSchema,
      responses: {
        200: { description: 'Rejected', schema: applicationSchemaOut },
        404: { description: 'No such application' },
        409: { description: 'Already approved (`application_approved`)' },
      },
      handler: async ({ res, auth, params, body }) => {
        res.json(await rejectApplication(db, auth.userId, params.id, body.reason, links));
      },
    }),
  ];
}
