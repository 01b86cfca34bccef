import type { ZodType } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { Endpoint } from './http.js';
import { problemSchema } from './problem.js';

const problemContent = { 'application/problem+json': { schema: problemSchema } };

const commonErrors: Record<number, string> = {
  400: 'Malformed request body',
  413: 'Request body too large',
  422: 'Validation failed; `errors` names each field',
  500: 'Unexpected server error',
};

/** Express `:param` segments become OpenAPI `{param}` templates. */
export const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function operation(def: Endpoint): ZodOpenApiOperationObject {
  const responses: Record<string, ZodOpenApiOperationObject['responses'][string & keyof ZodOpenApiOperationObject['responses']]> = {};
  for (const [status, spec] of Object.entries(def.responses)) {
    const code = Number(status);
    const contentType = spec.contentType ?? (code >= 400 ? 'application/problem+json' : 'application/json');
    const schema: ZodType | undefined = spec.schema ?? (code >= 400 ? problemSchema : undefined);
    responses[status] = schema ? { description: spec.description, content: { [contentType]: { schema } } } : { description: spec.description };
  }
  for (const [status, description] of Object.entries(commonErrors)) {
    responses[status] ??= { description, content: problemContent };
  }
  if (def.access !== 'public') {
    responses['401'] ??= { description: 'Missing or invalid access token', content: problemContent };
    if (def.access !== 'user') responses['403'] ??= { description: 'Role not allowed', content: problemContent };
  }
  const requestParams: NonNullable<ZodOpenApiOperationObject['requestParams']> = {};
  if (def.query) requestParams.query = def.query as never;
  if (def.params) requestParams.path = def.params as never;
  return {
    operationId: `${def.method}${def.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: def.summary,
    tags: [def.tag],
    ...(def.access === 'public' ? {} : { security: [{ bearerAuth: [] }] }),
    ...(Object.keys(requestParams).length ? { requestParams } : {}),
    ...(def.body ? { requestBody: { required: true, content: { 'application/json': { schema: def.body } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(endpoints: Endpoint[], version: string, serverUrl: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const def of endpoints) {
    const path = toOpenApiPath(def.path);
    paths[path] = { ...paths[path], [def.method]: operation(def) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Mentor Connect API',
      version,
      description: 'Book paid 1-to-1 and group sessions with vetted mentors. Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  });
}
