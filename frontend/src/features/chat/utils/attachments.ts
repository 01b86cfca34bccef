import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../rules';

/** What the file input offers. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_TYPES.join(',');

const allowedTypes: ReadonlySet<string> = new Set(ATTACHMENT_TYPES);

export const isImage = (type: string): boolean => type.startsWith('image/');

/** "820 B", "14 KB", "2.4 MB": a file's size as people read it (1 KB = 1024 bytes, as the 10 MB limit is counted). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const megabytes = bytes / (1024 * 1024);
  return `${megabytes < 10 ? megabytes.toFixed(1) : Math.round(megabytes)} MB`;
}

/**
 * Why a file can't be sent, before it is uploaded (the server checks again, by its content): only images and PDFs, at
 * most 10 MB. Null when it may go.
 */
export function attachmentProblem(file: { name: string; type: string; size: number }): string | null {
  if (!allowedTypes.has(file.type)) return `“${file.name}” can’t be sent: only images (PNG, JPEG, GIF, WebP) and PDFs`;
  if (file.size > MAX_ATTACHMENT_BYTES) return `“${file.name}” is larger than ${formatFileSize(MAX_ATTACHMENT_BYTES)}, the most a file can be`;
  return null;
}
