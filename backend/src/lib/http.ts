import type { Request, RequestHandler, Response, Router } from 'express';
import type { z} from 'zod';
import { type ZodType } from 'zod';
import { AppError, forbidden, unauthenticated } from './errors.js';

export type Role = 'student' | 'mentor' | 'admin';
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who is calling, resolved from the bearer token by the authentication middleware. */
export interface AuthContext {
  userId: string;
  role: Role;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext;
  }
}

export interface ResponseSpec {
  description: string;
  schema?: ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
}

type Infer<T> = T extends ZodType ? z.output<T> : undefined;

export interface HandlerContext<TBody, TQuery, TParams, TAuth> {
  req: Request;
  res: Response;
  body: TBody;
  query: TQuery;
  params: TParams;
  auth: TAuth;
}

/**
 * One HTTP endpoint: its contract (which also feeds the OpenAPI document) and its handler. The handler
 * receives input already parsed by the zod schemas, so it never sees unvalidated data.
 */
export interface Endpoint<
  TBody extends ZodType | undefined = ZodType | undefined,
  TQuery extends ZodType | undefined = ZodType | undefined,
  TParams extends ZodType | undefined = ZodType | undefined,
  TAccess extends 'public' | 'user' | readonly Role[] = 'public' | 'user' | readonly Role[],
> {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  access: TAccess;
  body?: TBody;
  query?: TQuery;
  params?: TParams;
  responses: Record<number, ResponseSpec>;
  /** Extra middleware run before body validation (e.g. a raw body parser). */
  before?: RequestHandler[];
  handler: (
    ctx: HandlerContext<Infer<TBody>, Infer<TQuery>, Infer<TParams>, TAccess extends 'public' ? AuthContext | undefined : AuthContext>,
  ) => Promise<void>;
}

export function endpoint<
  TBody extends ZodType | undefined = undefined,
  TQuery extends ZodType | undefined = undefined,
  TParams extends ZodType | undefined = undefined,
  const TAccess extends 'public' | 'user' | readonly Role[] = 'public',
>(def: Endpoint<TBody, TQuery, TParams, TAccess>): Endpoint {
  return def as unknown as Endpoint;
}

export function authorize(access: Endpoint['access'], auth: AuthContext | undefined): void {
  if (access === 'public') return;
  if (!auth) throw unauthenticated();
  if (access !== 'user' && !access.includes(auth.role)) throw forbidden();
}

/** Validation failures become one 422 naming every offending field. */
export function parseInput<T extends ZodType>(schema: T, value: unknown, prefix: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(result.error, prefix);
}

export function validationError(error: z.ZodError, prefix = ''): AppError {
  const toPath = (segments: PropertyKey[]) => [prefix, ...segments.map(String)].filter(Boolean).join('.') || '(root)';
  // An unknown-keys issue lists several keys at once; each gets its own entry so the UI can mark each field.
  const errors = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: toPath([...issue.path, key]), message: 'This field is not allowed' }))
      : [{ path: toPath(issue.path), message: issue.message }],
  );
  return new AppError('validation_failed', 'The request is invalid', 422, { errors });
}

export function mountEndpoint(router: Router, def: Endpoint): void {
  const run: RequestHandler = async (req, res) => {
    authorize(def.access, req.auth);
    const body = def.body ? parseInput(def.body, req.body ?? {}, '') : undefined;
    const query = def.query ? parseInput(def.query, req.query, '') : undefined;
    const params = def.params ? parseInput(def.params, req.params, '') : undefined;
    await def.handler({ req, res, body, query, params, auth: req.auth } as never);
  };
  router[def.method](def.path, ...(def.before ?? []), run);
}
