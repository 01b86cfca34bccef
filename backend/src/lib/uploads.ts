import type { RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from './errors.js';

/**
 * One file in the multipart field `field`, kept in memory, at most `maxBytes`: multer's errors become problem+json —
 * too large → 413 `file_too_large` with `tooLarge`, anything else about the upload → 422 naming the field.
 */
export function singleFileUpload(field: string, maxBytes: number, messages: { tooLarge: string; wrong: string }): RequestHandler {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 0 } }).single(field);
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') return next(new AppError('file_too_large', messages.tooLarge, 413));
      next(new AppError('validation_failed', 'The request is invalid', 422, { errors: [{ path: field, message: messages.wrong }] }));
    });
  };
}
