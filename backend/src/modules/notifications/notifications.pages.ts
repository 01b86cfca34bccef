import { categoryLabel } from './notifications.categories.js';
import type { UnsubscribeScope } from './notifications.unsubscribe.js';

/**
 * The small pages a person sees after following an email's unsubscribe link in a browser: the question (a GET
 * changes nothing, since mail scanners follow links), the answer after the button, or why the link does not work.
 * Served by the API itself, so they work without the web app and without signing in. Every value is escaped.
 */

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · Mentor Connect</title></head>
<body style="margin:0;background:#f4f4f7;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2330;">
<main style="max-width:480px;margin:48px auto;padding:24px;background:#fff;border-radius:12px;line-height:1.55;">
<p style="margin:0 0 8px;color:#4c3fd1;font-weight:700;">Mentor Connect</p>
<h1 style="font-size:22px;margin:0 0 12px;">${escape(title)}</h1>
${body}
</main>
</body>
</html>`;
}

const what = (scope: UnsubscribeScope) => (scope === 'all' ? 'every email you can switch off' : `“${categoryLabel(scope)}” emails`);
const settingsLink = (settingsUrl: string) => `<p><a href="${escape(settingsUrl)}" style="color:#4c3fd1;">All notification settings</a></p>`;

export function unsubscribeQuestionPage(scope: UnsubscribeScope, token: string, settingsUrl: string): string {
  const kept = scope === 'all' ? ' Notices about your money and your account’s security are always sent.' : ' You will still see them in the app.';
  return page(
    'Unsubscribe',
    `<p>Stop ${escape(what(scope))}?${escape(kept)}</p>
<form method="post" action="/api/notifications/unsubscribe?token=${escape(encodeURIComponent(token))}">
<button type="submit" style="background:#4c3fd1;color:#fff;border:0;padding:12px 20px;border-radius:8px;font-size:15px;font-weight:600;cursor:pointer;">Unsubscribe</button>
</form>
${settingsLink(settingsUrl)}`,
  );
}

export function unsubscribedPage(scope: UnsubscribeScope, settingsUrl: string): string {
  return page('You are unsubscribed', `<p>You will not get ${escape(what(scope))} any more. You can turn them back on at any time.</p>\n${settingsLink(settingsUrl)}`);
}

export function linkNotWorkingPage(message: string, settingsUrl: string): string {
  return page('This link does not work', `<p>${escape(message)}</p>\n${settingsLink(settingsUrl)}`);
}
