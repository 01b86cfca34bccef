import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

// Templates ship beside the code: src/emails in development, dist/emails after the build copies them.
const emailsDir = fileURLToPath(new URL('../../emails/', import.meta.url));
const cache = new Map<string, Handlebars.TemplateDelegate>();

/** HTML parts escape every `{{value}}`, so user-written text can't inject markup; text parts must not escape. */
function template(file: string): Handlebars.TemplateDelegate {
  let compiled = cache.get(file);
  if (!compiled) {
    compiled = Handlebars.compile(readFileSync(`${emailsDir}${file}.hbs`, 'utf8'), { strict: false, noEscape: file.endsWith('.txt') });
    cache.set(file, compiled);
  }
  return compiled;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export type EmailContext = { subject: string; name: string; actionUrl?: string | null; actionLabel?: string } & Record<string, unknown>;

/** Renders `<name>.html.hbs` and `<name>.txt.hbs` inside the shared layout. */
export function renderEmail(name: string, context: EmailContext): RenderedEmail {
  const full = { actionUrl: null, actionLabel: 'Open Mentor Connect', ...context };
  return {
    subject: context.subject,
    html: template('layout.html')({ ...full, content: template(`${name}.html`)(full) }),
    text: template('layout.txt')({ ...full, content: template(`${name}.txt`)(full).trim() }),
  };
}
