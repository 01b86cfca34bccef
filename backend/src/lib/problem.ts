import { z } from 'zod';

/** RFC 9457 problem details, the shape of every error response. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })

  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Some problems carry the facts a client needs to act on them (e.g. when a call opens), as extra members. */
export function problem(status: number, code: string, detail: string, errors?: Problem['errors'], facts?: Record<string, string | number | boolean | null>): Problem {
  return {
    ...facts,
    type: `https://mentor-connect.dev/problems/${code.replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}
