import type { Meeting } from '../types';

/** A script that neither loads nor fails (a filtering proxy holding the request) counts as failed after this. */
export const SCRIPT_TIMEOUT_MS = 30_000;

/** JaaS serves each tenant's API under its app id, the part of the room name before the first "/". */
const JAAS_DOMAIN = '8x8.vc';

/** Where the call's IFrame API comes from: the Jitsi server itself, or the tenant's path on 8x8.vc for JaaS. */
export function externalApiUrl(meeting: Pick<Meeting, 'provider' | 'domain' | 'roomName'>): string {
  if (meeting.provider === 'jaas') {
    const appId = meeting.roomName.split('/')[0] ?? '';
    return `https://${JAAS_DOMAIN}/${appId}/external_api.js`;
  }
  return `https://${meeting.domain}/external_api.js`;
}

const loading = new Map<string, Promise<void>>();

/**
 * Whether a Jitsi server's external_api.js has defined `window.JitsiMeetExternalAPI`, the IFrame API the
 * SDK's JitsiMeeting instantiates. (The SDK's typings declare it always present; it isn't until loaded.)
 */
export const externalApiLoaded = () => Boolean((window as { JitsiMeetExternalAPI?: unknown }).JitsiMeetExternalAPI);

/**
 * Loads a Jitsi external_api.js once it is needed, resolving when `window.JitsiMeetExternalAPI` exists.
 * Ours rather than the SDK's: the SDK keeps its first promise for good, so one failed load (offline for a
 * moment, a blocker) could never be retried. A failed load removes its script tag, so the next call
 * tries afresh; calls while one is loading share it. The SDK's JitsiMeeting is rendered only after this
 * resolves, and then finds the API already there.
 */
export function loadExternalApi(src: string): Promise<void> {
  if (externalApiLoaded()) return Promise.resolve();
  const inFlight = loading.get(src);
  if (inFlight) return inFlight;

  const attempt = new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    const fail = (message: string) => {
      clearTimeout(timeout);
      script.remove();
      reject(new Error(message));
    };
    const timeout = setTimeout(() => fail(`Timed out loading ${src}`), SCRIPT_TIMEOUT_MS);
    script.addEventListener('load', () => {
      clearTimeout(timeout);
      // A captive portal or proxy can answer with a page that "loads" but defines nothing.
      if (externalApiLoaded()) resolve();
      else fail(`${src} loaded but did not define JitsiMeetExternalAPI`);
    });
    script.addEventListener('error', () => fail(`Could not load ${src}`));
    document.head.appendChild(script);
  }).finally(() => loading.delete(src));

  loading.set(src, attempt);
  return attempt;
}
