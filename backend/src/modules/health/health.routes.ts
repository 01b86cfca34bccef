import { z } from 'zod';
import type { Database } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { endpoint } from '../../lib/http.js';

const statusSchema = z.object({ status: z.literal('ok') }).meta({ id: 'HealthStatus' });

const metaSchema = z
  .object({
    paymentsSandbox: z.boolean().meta({ description: 'Checkout goes through the built-in sandbox: no real money moves' }),
    demoMode: z.boolean().meta({ description: 'A production deployment declared as a demo (DEMO_MODE)' }),
  })
  .meta({ id: 'AppMeta' });

export interface AppMeta {
  paymentsSandbox: boolean;
  demoMode: boolean;
}

/** Whether the instance has finished starting (a demo's data is booked through its own API before it is ready). */
export interface Startup {
  ready: boolean;
}

export function healthEndpoints(database: Database, meta: AppMeta, startup: Startup = { ready: true }) {
  return [
    endpoint({
      method: 'get',
      path: '/api/meta',
      summary: 'What kind of deployment this is, for the web app (e.g. a banner when payments are simulated)',
      tag: 'health',
      access: 'public',
      responses: { 200: { description: 'Deployment facts', schema: metaSchema } },
      handler: async ({ res }) => {
        res.set('Cache-Control', 'public, max-age=300').json(meta);
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/health',
      summary: 'Liveness: the process is up',
      tag: 'health',
      access: 'public',
      responses: { 200: { description: 'Up', schema: statusSchema } },
      handler: async ({ res }) => {
        res.json({ status: 'ok' });
      },
    }),
    endpoint({
      method: 'get',
      path: '/api/ready',
      summary: 'Readiness: start-up has finished and the database answers',
      tag: 'health',
      access: 'public',
      responses: {
        200: { description: 'Ready', schema: statusSchema },
        503: { description: 'Still starting (`starting`), or the database is unreachable (`not_ready`)' },
      },
      handler: async ({ req, res }) => {
        if (!startup.ready) throw new AppError('starting', 'Still starting: the demo data is being set up', 503);
        try {
          await database.ping();
        } catch (err) {
          req.log.warn({ err }, 'readiness check failed');
          throw new AppError('not_ready', 'The database is not reachable', 503);
        }
        res.json({ status: 'ok' });
      },
    }),
  ];
}
