import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from './errors.js';
import { validationError } from './http.js';
import { problem } from './problem.js';

function send(res: Parameters<RequestHandler>[1], status: number, body: object, headers: Record<string, string> = {}) {
  res.status(status).set(headers).type('application/problem+json').send(JSON.stringify(body));
}

/** Unknown API routes answer with problem+json too, never the HTML of the SPA. */
export const apiNotFound: RequestHandler = (req, res) => {
  send(res, 404, problem(404, 'not_found', `No route for ${req.method} ${req.originalUrl.split('?')[0]}`));
};

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * The single place where errors become HTTP responses. Expected errors (AppError, validation, body
 * parsing) are answered with their own status; anything else is a 500 with a generic message, and the
 * full detail goes only to the log.
 */
export const errorMiddleware: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof AppError) {
    send(res, err.status, problem(err.status, err.code, err.message, err.extra.errors, err.extra.facts), err.extra.headers);
    return;
  }
  if (err instanceof z.ZodError) {
    const appError = validationError(err);
    send(res, 422, problem(422, appError.code, appError.message, appError.extra.errors));
    return;
  }
  const parserError = err as BodyParserError;
  switch (parserError.type) {
    case 'entity.parse.failed':
      send(res, 400, problem(400, 'malformed_json', 'The request body is not valid JSON'));
      return;
    case 'entity.too.large':
      send(res, 413, problem(413, 'payload_too_large', 'The request body is too large'));
      return;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      send(res, 415, problem(415, 'unsupported_encoding', 'The request body encoding is not supported'));
      return;
  }
  req.log.error({ err }, 'unhandled error');
  send(res, 500, problem(500, 'internal_error', 'Something went wrong on our side. Please try again.'));
};
