import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from './logger.js';
import { clock } from './clock.js';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string> | undefined;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string; file?: string }>;
  close(): void;
}

/**
 * SMTP when a URL is configured; otherwise every message is written as an .eml file (the exact bytes an
 * SMTP server would receive) under `mailDir`, so a fresh clone can read its emails without a mail server.
 */
export function createMailer(options: { smtpUrl?: string | undefined; mailDir: string; from: string; logger: Logger }): Mailer {
  const transport: Transporter = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let mailDirReady: Promise<unknown> | undefined;
  return {
    async send(mail) {
      const { headers, ...rest } = mail;
      const info = await transport.sendMail({ from: options.from, ...rest, ...(headers ? { headers } : {}) });
      if (options.smtpUrl) return { messageId: info.messageId };
      // Made once; should it fail, the next message tries again.
      mailDirReady ??= mkdir(options.mailDir, { recursive: true }).catch((error: unknown) => {
        mailDirReady = undefined;
        throw error;
      });
      await mailDirReady;
      const file = path.join(options.mailDir, `${clock.now().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`);
      await writeFile(file, info.message as Buffer).catch((error: unknown) => {
        // The folder was removed while running: make it again for the retry.
        if ((error as { code?: string }).code === 'ENOENT') mailDirReady = undefined;
        throw error;
      });
      options.logger.info({ file, to: mail.to, subject: mail.subject }, 'email written to file');
      return { messageId: info.messageId, file };
    },
    close: () => transport.close(),
  };
}
