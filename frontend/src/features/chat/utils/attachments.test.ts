import { describe, expect, it } from 'vitest';
import { attachmentProblem, formatFileSize } from './attachments';

describe('attachments', () => {
  it('when a size is shown, then it is in B, KB or MB as people read it', () => {
    expect(formatFileSize(820)).toBe('820 B');
    expect(formatFileSize(14 * 1024 + 100)).toBe('14 KB');
    expect(formatFileSize(2.44 * 1024 * 1024)).toBe('2.4 MB');
    expect(formatFileSize(10 * 1024 * 1024)).toBe('10 MB');
  });

  it('when a file is chosen, then an image or a PDF of at most 10 MB may go, and anything else says why not', () => {
    expect(attachmentProblem({ name: 'a.png', type: 'image/png', size: 10 * 1024 * 1024 })).toBeNull();
    expect(attachmentProblem({ name: 'cv.pdf', type: 'application/pdf', size: 1000 })).toBeNull();
    expect(attachmentProblem({ name: 'big.jpg', type: 'image/jpeg', size: 10 * 1024 * 1024 + 1 })).toBe('“big.jpg” is larger than 10 MB, the most a file can be');
    expect(attachmentProblem({ name: 'notes.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10 })).toBe(
      '“notes.docx” can’t be sent: only images (PNG, JPEG, GIF, WebP) and PDFs',
    );
    expect(attachmentProblem({ name: 'logo.svg', type: 'image/svg+xml', size: 10 })).toMatch(/can’t be sent/);
  });
});
