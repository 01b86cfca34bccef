import type { Db } from '../../db/client.js';
import { endpoint } from '../../lib/http.js';
import { updateMeSchema, userSchema } from './users.schemas.js';
import { getUser, toPublicUser, updateProfile } from './users.service.js';

export function usersEndpoints(db: Db) {
  return [
    endpoint({
      method: 'get',
      path: '/api/users/me',
      summary: 'The signed-in user',
      tag: 'users',
      access: 'user',
      responses: { 200: { description: 'The user', schema: userSchema } },
      handler: async ({ res, auth }) => {
        res.json(toPublicUser(await getUser(db, auth.userId)));
      },
    }),
    endpoint({
      method: 'patch',
      path: '/api/users/me',
      summary: 'Edit own profile (name, time zone, language)',
      tag: 'users',
      access: 'user',
      body: updateMeSchema,
      responses: { 200: { description: 'The updated user', schema: userSchema } },
      handler: async ({ res, auth, body }) => {
        res.json(toPublicUser(await updateProfile(db, auth.userId, body)));
      },
    }),
  ];
}
