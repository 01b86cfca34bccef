import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { AppError } from './errors.js';

const ACCEPTED_FORMATS = new Set(['png', 'jpeg', 'webp']);

/**
 * Checks an uploaded image by its content (not its name or declared type), then re-encodes it as a square
 * WebP. Re-encoding also drops metadata such as GPS coordinates from phone photos.
 */
export async function storeAvatar(input: Buffer, uploadsDir: string, ownerId: string): Promise<string> {
  let format: string | undefined;
  try {
    format = (await sharp(input).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    throw new AppError('invalid_image', 'The request is invalid', 422, {
      errors: [{ path: 'avatar', message: 'Upload a PNG, JPEG or WebP image' }],
    });
  }
  const output = await sharp(input, { limitInputPixels: 40_000_000 }).rotate().resize(256, 256, { fit: 'cover' }).webp({ quality: 82 }).toBuffer();
  const dir = path.join(uploadsDir, 'avatars');
  await mkdir(dir, { recursive: true });
  // A new name per upload, so browsers and CDNs never show a stale cached avatar.
  const file = `${ownerId}-${randomBytes(6).toString('hex')}.webp`;
  await writeFile(path.join(dir, file), output);
  return `/uploads/avatars/${file}`;
}
