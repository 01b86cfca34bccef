import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { renderUi } from '@/testing/render-ui';
import type { Attachment, UploadFile } from '../types';
import { MessageComposer } from './message-composer';

// The composer on its own: what it accepts, how Enter and Shift+Enter behave, the counter.

function renderComposer() {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  renderUi(<MessageComposer onSend={onSend} onTyping={onTyping} />);
  return { onSend, onTyping, box: screen.getByRole('textbox', { name: 'Message' }) };
}

describe('message composer', () => {
  it('when Enter is pressed, then the message is sent and the box empties; Shift+Enter starts a new line instead', async () => {
    const { onSend, onTyping, box } = renderComposer();
    const ui = userEvent.setup();

    await ui.type(box, 'first line{Shift>}{Enter}{/Shift}second line');
    expect(box).toHaveValue('first line\nsecond line');
    expect(onSend).not.toHaveBeenCalled();
    expect(onTyping).toHaveBeenCalled();

    await ui.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('first line\nsecond line', []);
    expect(box).toHaveValue('');
    expect(screen.getByText('0 / 4000')).toBeInTheDocument();
  });

  it('when an empty message is sent, then nothing goes and the composer says to write something', async () => {
    const { onSend, box } = renderComposer();
    const ui = userEvent.setup();

    await ui.type(box, '   ');
    await ui.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Write a message first');
    expect(box).toHaveAttribute('aria-invalid', 'true');

    await ui.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).not.toHaveBeenCalled();
    await ui.type(box, 'hello');
    expect(screen.getByRole('alert')).toBeEmptyDOMElement();
  });

  it('when the text passes 4000 characters, then the counter and an error say by how much, and Send is disabled until it is shorter', async () => {
    const { onSend, box } = renderComposer();
    const ui = userEvent.setup();

    await ui.click(box);
    await ui.paste('x'.repeat(4003));
    expect(screen.getByText('4003 / 4000')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('A message can be at most 4000 characters: 3 too many');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    await ui.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();

    await ui.keyboard('{Backspace}{Backspace}{Backspace}');
    expect(screen.getByText('4000 / 4000')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
    await ui.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('x'.repeat(4000), []);
  });
});

/** A file of `size` bytes (its content is a stand-in: only the size is read before uploading). */
function fileOf(name: string, type: string, size = 2048) {
  const file = new File(['x'], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

/** An upload the test answers: `resolve` with what the server kept, or `reject` with its refusal. */
function heldUploads() {
  const pending: Array<{ file: File; onProgress: (fraction: number) => void; resolve: (attachment: Attachment) => void; reject: (error: unknown) => void }> = [];
  const upload = vi.fn<UploadFile>(
    (file, { onProgress }) =>
      new Promise<Attachment>((resolve, reject) => {
        pending.push({ file, onProgress, resolve, reject });
      }),
  );
  return { upload, pending };
}

function renderWithFiles(upload: UploadFile) {
  const onSend = vi.fn();
  renderUi(<MessageComposer onSend={onSend} onTyping={() => {}} onUpload={upload} />);
  return { onSend, box: screen.getByRole('textbox', { name: 'Message' }), input: screen.getByLabelText('Files to attach') };
}

const drafts = () => screen.queryAllByTestId('draft-attachment');

describe('message composer with files', () => {
  it('when a file over 10 MB is chosen, then it says so and nothing is uploaded', async () => {
    const { upload } = heldUploads();
    const { input, onSend } = renderWithFiles(upload);
    const ui = userEvent.setup();

    expect(input).toHaveAttribute('accept', 'image/png,image/jpeg,image/gif,image/webp,application/pdf');
    await ui.upload(input, fileOf('holiday.png', 'image/png', 10 * 1024 * 1024 + 1));

    expect(screen.getByRole('alert')).toHaveTextContent('“holiday.png” is larger than 10 MB, the most a file can be');
    expect(upload).not.toHaveBeenCalled();
    expect(drafts()).toHaveLength(0);
    await ui.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('when a file that is neither an image nor a PDF is chosen, then it says which files may go and nothing is uploaded', async () => {
    const { upload } = heldUploads();
    const { input } = renderWithFiles(upload);
    const ui = userEvent.setup({ applyAccept: false });

    await ui.upload(input, fileOf('notes.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'));

    expect(screen.getByRole('alert')).toHaveTextContent('“notes.docx” can’t be sent: only images (PNG, JPEG, GIF, WebP) and PDFs');
    expect(upload).not.toHaveBeenCalled();
  });

  it('when a message is sent while its file uploads, then it waits, and goes with the file (text and all) once the upload is done', async () => {
    const { upload, pending } = heldUploads();
    const { input, box, onSend } = renderWithFiles(upload);
    const ui = userEvent.setup();

    await ui.upload(input, fileOf('cv.pdf', 'application/pdf', 300 * 1024));
    expect(upload).toHaveBeenCalledOnce();
    act(() => pending[0]!.onProgress(0.4));
    expect(screen.getByRole('progressbar', { name: 'Uploading cv.pdf' })).toHaveAttribute('aria-valuenow', '40');
    expect(drafts()[0]).toHaveTextContent('300 KB · uploading 40%');

    await ui.type(box, 'My CV{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByText('Sending once the files are uploaded…')).toBeInTheDocument();
    expect(box).toHaveValue('My CV');

    const kept = { id: 'f0000000-0001-4000-8000-000000000001', name: 'cv.pdf', type: 'application/pdf', size: 300 * 1024 };
    await act(async () => pending[0]!.resolve(kept));

    expect(onSend).toHaveBeenCalledExactlyOnceWith('My CV', [kept]);
    expect(box).toHaveValue('');
    expect(drafts()).toHaveLength(0);
  });

  it('when the only thing in the message is a file, then it is sent without text', async () => {
    const { upload, pending } = heldUploads();
    const { input, onSend } = renderWithFiles(upload);
    const ui = userEvent.setup();

    await ui.upload(input, fileOf('diagram.png', 'image/png'));
    expect(screen.getByTestId('draft-preview')).toHaveAttribute('src', expect.stringMatching(/^blob:/));
    const kept = { id: 'f0000000-0002-4000-8000-000000000002', name: 'diagram.png', type: 'image/png', size: 2048 };
    await act(async () => pending[0]!.resolve(kept));
    expect(drafts()[0]).toHaveAttribute('data-status', 'uploaded');

    await ui.click(screen.getByRole('button', { name: 'Send' }));

    expect(onSend).toHaveBeenCalledExactlyOnceWith('', [kept]);
  });

  it('when the server refuses a file, then its reason shows on it, the message can’t go until it is removed, and removing it lets the text go alone', async () => {
    const { upload, pending } = heldUploads();
    const { input, box, onSend } = renderWithFiles(upload);
    const ui = userEvent.setup();

    await ui.upload(input, fileOf('fake.png', 'image/png'));
    await act(async () =>
      pending[0]!.reject(
        new ApiError({ status: 422, code: 'validation_failed', title: 'The request is invalid', errors: [{ path: 'file', message: 'Send an image (PNG, JPEG, GIF, WebP) or a PDF' }] }),
      ),
    );

    const refused = drafts()[0]!;
    expect(refused).toHaveAttribute('data-status', 'failed');
    expect(within(refused).getByRole('alert')).toHaveTextContent('Send an image (PNG, JPEG, GIF, WebP) or a PDF');
    // Refused for what it is: trying the same file again would not help.
    expect(within(refused).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();

    await ui.type(box, 'Here{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByText('Remove the file that couldn’t be uploaded, then send')).toBeInTheDocument();

    await ui.click(within(refused).getByRole('button', { name: 'Remove fake.png' }));
    await ui.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Here', []);
  });

  it('when more than 5 files are chosen, then 5 upload and the rest are refused', async () => {
    const { upload } = heldUploads();
    const { input } = renderWithFiles(upload);
    const ui = userEvent.setup();

    await ui.upload(
      input,
      Array.from({ length: 6 }, (_, index) => fileOf(`page-${index + 1}.png`, 'image/png')),
    );

    expect(upload).toHaveBeenCalledTimes(5);
    expect(drafts()).toHaveLength(5);
    expect(screen.getByText('At most 5 files go with one message')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeDisabled();
  });

  it('when an image is pasted into the message box, then it is attached and uploads like a chosen one', async () => {
    const { upload } = heldUploads();
    const { box } = renderWithFiles(upload);
    const ui = userEvent.setup();
    const screenshot = fileOf('screenshot.png', 'image/png');
    const clipboard = { files: [screenshot], items: [], types: ['Files'], getData: () => '' } as unknown as DataTransfer;

    await ui.click(box);
    await ui.paste(clipboard);

    expect(upload).toHaveBeenCalledOnce();
    expect(upload.mock.calls[0]![0]).toBe(screenshot);
    expect(drafts()[0]).toHaveTextContent('screenshot.png');
    expect(box).toHaveValue('');
  });
});
